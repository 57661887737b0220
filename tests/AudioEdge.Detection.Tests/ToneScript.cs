namespace AudioEdge.Detection.Tests;

/// <summary>A scripted tone on/off signal at the front end's 10 ms frame rate, for the cadence decoder.</summary>
internal sealed class ToneScript
{
    public const double Frame = 0.01;
    private readonly List<(double Start, double End, int Band, double Pitch, double Level)> _beeps = [];

    /// <summary>A beep at <paramref name="band"/>; <paramref name="pitch"/> (refined band) and <paramref name="level"/> (dB) are reported while it sounds when given.</summary>
    public ToneScript Beep(double start, double length, int band = 42, double pitch = double.NaN, double level = double.NaN)
    {
        _beeps.Add((start, start + length, band, pitch, level));
        return this;
    }

    /// <summary>Repeats an on/off cadence (seconds: on, off, on, off, …) from <paramref name="start"/> until <paramref name="until"/>.</summary>
    public ToneScript Cadence(double start, double until, double[] pattern, int band = 42, Func<double, double>? jitter = null, Func<int, bool>? skip = null)
    {
        double t = start;
        int beep = 0;
        while (t < until)
        {
            for (int i = 0; i < pattern.Length && t < until; i += 2)
            {
                double on = pattern[i] * (jitter?.Invoke(pattern[i]) ?? 1);
                double off = pattern[i + 1] * (jitter?.Invoke(pattern[i + 1]) ?? 1);
                if (skip?.Invoke(beep) != true)
                {
                    Beep(t, on, band);
                }

                beep++;
                t += on + off;
            }
        }

        return this;
    }

    public bool IsOn(double time, out int band) => IsOn(time, out band, out _, out _);

    public bool IsOn(double time, out int band, out double pitch, out double level)
    {
        foreach ((double start, double end, int b, double p, double l) in _beeps)
        {
            if (time >= start - 1e-9 && time < end - 1e-9)
            {
                (band, pitch, level) = (b, p, l);
                return true;
            }
        }

        (band, pitch, level) = (10, double.NaN, double.NaN);
        return false;
    }

    /// <summary>Runs a decoder over [0, <paramref name="seconds"/>) and returns every match.</summary>
    public List<CadenceMatch> Run(double seconds, AlarmCadenceOptions? options = null)
    {
        var decoder = new AlarmCadenceDecoder(options);
        var matches = new List<CadenceMatch>();
        int frames = (int)Math.Round(seconds / Frame);
        for (int i = 0; i < frames; i++)
        {
            double t = i * Frame;
            bool on = IsOn(t, out int band, out double pitch, out double level);
            decoder.Update(t, on, band, restarted: false, pitch, level);
            while (decoder.TryTakeMatch(out CadenceMatch m))
            {
                matches.Add(m);
            }
        }

        decoder.Finish(frames * Frame);
        while (decoder.TryTakeMatch(out CadenceMatch m))
        {
            matches.Add(m);
        }

        return matches;
    }

    public static readonly double[] TemporalThree = [0.5, 0.5, 0.5, 0.5, 0.5, 1.5];
    public static readonly double[] TemporalFour = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 5.1];
}
