using AudioEdge.Dsp;
using AudioEdge.Dsp.Mel;

namespace AudioEdge.Detection;

/// <summary>Which mel bands cover which frequencies (HTK triangles: band b peaks at the (b+1)-th of bands+2 equally spaced mel points).</summary>
internal static class BandMap
{
    public static double CentreHertz(FrontEndOptions options, int band)
    {
        double low = MelScale.FromHertz(options.MinFrequency);
        double high = MelScale.FromHertz(options.MaxFrequency);
        return MelScale.ToHertz(low + ((band + 1) * (high - low) / (options.MelBands + 1)));
    }

    /// <summary>The first and last band whose centre lies in [<paramref name="lowHertz"/>, <paramref name="highHertz"/>]; (0, -1) when none.</summary>
    public static (int First, int Last) Between(FrontEndOptions options, double lowHertz, double highHertz)
    {
        int first = -1, last = -1;
        for (int b = 0; b < options.MelBands; b++)
        {
            double centre = CentreHertz(options, b);
            if (centre >= lowHertz && centre <= highHertz)
            {
                first = first < 0 ? b : first;
                last = b;
            }
        }

        return first < 0 ? (0, -1) : (first, last);
    }
}
