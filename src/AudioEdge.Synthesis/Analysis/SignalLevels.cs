namespace AudioEdge.Synthesis.Analysis;

/// <summary>Level arithmetic shared by the generators, the mixer and the dataset builder.</summary>
public static class SignalLevels
{
    /// <summary>Amplitude ratio for a level in dB.</summary>
    public static double DbToGain(double decibels) => Math.Pow(10, decibels / 20);

    /// <summary>Level in dB of an amplitude ratio; -inf for 0.</summary>
    public static double GainToDb(double gain) => 20 * Math.Log10(gain);

    /// <summary>Mean of the squared samples; 0 for an empty span.</summary>
    public static double MeanSquare(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (float sample in samples)
        {
            sum += (double)sample * sample;
        }

        return sum / samples.Length;
    }

    /// <summary>Root mean square; 0 for an empty span.</summary>
    public static double Rms(ReadOnlySpan<float> samples) => Math.Sqrt(MeanSquare(samples));

    /// <summary>
    /// Mean square over the union of <paramref name="segments"/> (clipped to the signal); over the whole signal when
    /// there are none or they cover nothing. This is the "while the event sounds" power that SNRs refer to.
    /// </summary>
    public static double MeanSquare(ReadOnlySpan<float> samples, IReadOnlyList<SoundSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        bool[] covered = CoverageMask(samples.Length, segments, out int count);
        if (count == 0)
        {
            return MeanSquare(samples);
        }

        double sum = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            if (covered[i])
            {
                sum += (double)samples[i] * samples[i];
            }
        }

        return sum / count;
    }

    /// <summary>Largest absolute sample value.</summary>
    public static float Peak(ReadOnlySpan<float> samples)
    {
        float peak = 0;
        foreach (float sample in samples)
        {
            peak = Math.Max(peak, Math.Abs(sample));
        }

        return peak;
    }

    /// <summary>Multiplies every sample by <paramref name="gain"/>.</summary>
    public static void Scale(Span<float> samples, double gain)
    {
        float g = (float)gain;
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] *= g;
        }
    }

    /// <summary>Marks the samples covered by at least one segment; <paramref name="count"/> is how many.</summary>
    internal static bool[] CoverageMask(int length, IReadOnlyList<SoundSegment> segments, out int count)
    {
        var covered = new bool[length];
        count = 0;
        foreach (SoundSegment segment in segments)
        {
            int from = Math.Max(0, segment.Start), to = Math.Min(length, segment.End);
            for (int i = from; i < to; i++)
            {
                if (!covered[i])
                {
                    covered[i] = true;
                    count++;
                }
            }
        }

        return covered;
    }
}
