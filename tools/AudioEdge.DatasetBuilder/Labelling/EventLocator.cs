using AudioEdge.Synthesis;

namespace AudioEdge.DatasetBuilder.Labelling;

/// <summary>
/// Finds, in a real recording labelled as a whole, where the labelled sound is: the frames in which an alarm tone
/// sounds, or the onset of a glass break. Works on the log-mel frames the windows are cut from.
/// </summary>
internal static class EventLocator
{
    /// <summary>A frame more than this far below the clip's loudest frame is never part of the event.</summary>
    public const double EventRangeDb = 25;

    /// <summary>Share of a frame's energy that one tone (three adjacent bands) must carry for the frame to be tonal.</summary>
    public const double ToneShare = 0.5;

    /// <summary>
    /// Alarm segments of a strongly labelled recording: runs of frames where one narrow peak (three adjacent mel
    /// bands, centre 400–5000 Hz) carries at least half the energy and the frame is within
    /// <see cref="EventRangeDb"/> of the loudest. Any beeper frequency counts: two of the real alarm devices beep at
    /// 2 kHz, not 3 kHz.
    /// </summary>
    public static List<SoundSegment> ToneSegments(FeatureFrames frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var tonal = new bool[frames.Count];
        double[] total = TotalEnergy(frames);
        double floor = total.Max() * Math.Pow(10, -EventRangeDb / 10);
        for (int f = 0; f < frames.Count; f++)
        {
            if (total[f] <= floor || total[f] <= 0)
            {
                continue;
            }

            double best = 0;
            for (int b = 1; b + 1 < FeatureFrames.Bands; b++)
            {
                if (FeatureFrames.Centre(b) is >= 400 and <= 5000)
                {
                    best = Math.Max(best, frames.Energy(f, b - 1) + frames.Energy(f, b) + frames.Energy(f, b + 1));
                }
            }

            tonal[f] = best >= ToneShare * total[f];
        }

        return Runs(tonal);
    }

    /// <summary>
    /// Alarm segments of a weakly labelled AudioSet clip: frames whose energy in 2.8–3.9 kHz (the piezo band) is at
    /// least half of the frame's and within <see cref="EventRangeDb"/> of the clip's loudest piezo-band frame.
    /// </summary>
    public static List<SoundSegment> PiezoBandSegments(FeatureFrames frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        double[] band = frames.BandEnergy(2800, 3900);
        double[] total = TotalEnergy(frames);
        double floor = band.Max() * Math.Pow(10, -EventRangeDb / 10);
        var tonal = new bool[frames.Count];
        for (int f = 0; f < frames.Count; f++)
        {
            tonal[f] = band[f] > floor && band[f] >= ToneShare * total[f];
        }

        return Runs(tonal);
    }

    /// <summary>
    /// The strongest glass-break-like onset: the frame where the energy above 3 kHz rises furthest above its median
    /// over the preceding 50–250 ms, moved back to where the broadband level first rose (the thud leads the
    /// shatter by up to 60 ms). The segment ends when the high band has settled back to within 6 dB of its level
    /// before the onset, at least 0.3 s and at most 2 s after it. Null when the clip is silent or too short.
    /// </summary>
    /// <param name="strengthDb">How far the high band rose, dB: below about 10 dB the onset is doubtful.</param>
    public static SoundSegment? GlassOnset(FeatureFrames frames, out double strengthDb)
    {
        ArgumentNullException.ThrowIfNull(frames);
        strengthDb = 0;
        double[] high = Db(frames.BandEnergy(3000, 8000));
        double[] total = Db(TotalEnergy(frames));
        int best = -1;
        double bestRise = double.NegativeInfinity;
        for (int f = 1; f < frames.Count; f++)
        {
            double baseline = Median(high, f - 25, f - 5);
            double rise = high[f] - baseline;
            if (rise > bestRise)
            {
                bestRise = rise;
                best = f;
            }
        }

        if (best < 0)
        {
            return null;
        }

        strengthDb = bestRise;
        double totalBaseline = Median(total, best - 25, best - 5);
        int onset = best;
        while (onset > 0 && best - onset < 8 && total[onset - 1] > totalBaseline + 6)
        {
            onset--;
        }

        double highBaseline = Median(high, best - 25, best - 5);
        int end = Math.Min(frames.Count, best + 30);
        while (end < Math.Min(frames.Count, best + 200) && high.Skip(end).Take(10).Any(h => h > highBaseline + 6))
        {
            end++;
        }

        int start = FeatureFrames.CentreSample(onset);
        return new SoundSegment(SegmentKind.GlassBreak, start, Math.Max(1, FeatureFrames.CentreSample(end) - start));
    }

    private static double[] TotalEnergy(FeatureFrames frames)
    {
        var total = new double[frames.Count];
        for (int f = 0; f < frames.Count; f++)
        {
            for (int b = 0; b < FeatureFrames.Bands; b++)
            {
                total[f] += frames.Energy(f, b);
            }
        }

        return total;
    }

    private static double[] Db(double[] energy) => [.. energy.Select(e => 10 * Math.Log10(Math.Max(e, 1e-20)))];

    private static double Median(double[] values, int from, int to)
    {
        from = Math.Max(0, from);
        to = Math.Max(from + 1, Math.Min(values.Length, to));
        double[] slice = values[from..to];
        Array.Sort(slice);
        return slice[slice.Length / 2];
    }

    /// <summary>Runs of true frames as alarm segments covering each frame's central 10 ms.</summary>
    private static List<SoundSegment> Runs(bool[] frames)
    {
        var segments = new List<SoundSegment>();
        for (int f = 0; f < frames.Length; f++)
        {
            if (!frames[f])
            {
                continue;
            }

            int first = f;
            while (f + 1 < frames.Length && frames[f + 1])
            {
                f++;
            }

            int start = FeatureFrames.CentreSample(first);
            segments.Add(new SoundSegment(SegmentKind.Alarm, start, FeatureFrames.CentreSample(f + 1) - start));
        }

        return segments;
    }
}
