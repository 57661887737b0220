using System.Globalization;
using AudioEdge.Dsp;
using AudioEdge.Dsp.Mel;
using ScottPlot;

namespace AudioEdge.Cli.Rendering;

/// <summary>Draws log-mel frames as a picture with a time axis in seconds and a frequency axis labelled in Hz.</summary>
internal static class SpectrogramRenderer
{
    private static readonly double[] LabelledFrequencies = [100, 250, 500, 1000, 2000, 3000, 4000, 6000, 8000];

    /// <param name="frames">Frame-major log-mel values.</param>
    /// <param name="title">Shown above the picture (usually the file name).</param>
    public static void SavePng(string path, ReadOnlySpan<float> frames, FrontEndOptions options, string title, int width, int height)
    {
        int bands = options.MelBands;
        int frameCount = frames.Length / bands;
        if (frameCount == 0)
        {
            throw new CliException(ExitCodes.DataError, $"the audio is shorter than one {options.WindowLength * 1000 / options.SampleRate} ms window: nothing to draw");
        }

        // Row 0 of a ScottPlot heatmap is drawn at the top: put the highest band there so low frequencies sit at the bottom.
        var intensities = new double[bands, frameCount];
        for (int f = 0; f < frameCount; f++)
        {
            for (int b = 0; b < bands; b++)
            {
                intensities[bands - 1 - b, f] = frames[(f * bands) + b];
            }
        }

        double hopSeconds = (double)options.HopLength / options.SampleRate;
        double windowSeconds = (double)options.WindowLength / options.SampleRate;
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Magma();
        heatmap.Extent = new CoordinateRect(0, ((frameCount - 1) * hopSeconds) + windowSeconds, 0, bands);
        plot.Add.ColorBar(heatmap).Label = "ln mel energy";

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double hz in LabelledFrequencies.Where(f => f >= options.MinFrequency && f <= options.MaxFrequency))
        {
            ticks.AddMajor(BandPosition(hz, options), hz >= 1000 ? (hz / 1000).ToString("0.#", CultureInfo.InvariantCulture) + " kHz" : hz.ToString("0", CultureInfo.InvariantCulture) + " Hz");
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimitsY(0, bands);
        plot.Axes.Margins(0, 0);
        plot.Title(title);
        plot.XLabel("Time (s)");
        plot.YLabel($"Frequency ({bands} mel bands)");
        plot.SavePng(path, width, height);
    }

    /// <summary>Vertical position of <paramref name="hertz"/> on a plot where band b spans [b, b + 1] and peaks at its centre.</summary>
    private static double BandPosition(double hertz, FrontEndOptions options)
    {
        double minMel = MelScale.FromHertz(options.MinFrequency);
        double maxMel = MelScale.FromHertz(options.MaxFrequency);
        double centreIndex = ((MelScale.FromHertz(hertz) - minMel) / (maxMel - minMel) * (options.MelBands + 1)) - 1;
        return Math.Clamp(centreIndex + 0.5, 0, options.MelBands);
    }
}
