using System.Globalization;

namespace AudioEdge.Synthesis.Negatives;

/// <summary>Tonal hard negatives: ringtones, doorbells and music — tones in sequences no alarm uses.</summary>
internal static class Melodies
{
    // Semitone steps of the scales melodies are drawn from.
    private static readonly int[] Pentatonic = [0, 2, 4, 7, 9, 12, 14, 16, 19, 21, 24];
    private static readonly int[] MajorTriad = [0, 4, 7];
    private static readonly int[] MinorTriad = [0, 3, 7];
    private static readonly int[][] Progressions = [[0, 5, 7, 0], [0, 9, 5, 7], [0, 7, 9, 5], [0, 3, 5, 7]];

    // Ding-dong: the second tone a minor third, major third or fourth below the first.
    private static readonly int[] DoorbellIntervals = [3, 4, 5];

    // Partials of a struck bar/bell relative to the fundamental (inharmonic, as in tubular bells and chimes).
    private static readonly double[] BellRatios = [1.0, 2.0, 2.76, 4.07, 5.40];

    public static string RenderRingtone(Span<float> samples, List<SoundSegment> segments, double start, Random random)
    {
        double duration = samples.Length / (double)SynthesizedSound.SampleRate;
        double root = random.Uniform(400, 1200);
        int notes = random.Next(4, 9);
        double[] lengths = [0.08, 0.12, 0.16, 0.20, 0.30];
        double[] partials = random.Chance(0.5) ? [1] : [1, random.Uniform(0.1, 0.5), random.Uniform(0.05, 0.3)];

        // One phrase, drawn once and then repeated like a ringtone loop.
        var phrase = new List<(double Frequency, double Length, double Gap)>();
        for (int i = 0; i < notes; i++)
        {
            double frequency = root * Math.Pow(2, random.Pick(Pentatonic) / 12.0);
            phrase.Add((frequency, random.Pick(lengths) * random.Uniform(0.9, 1.1), random.Uniform(0, 0.06)));
        }

        double pause = random.Uniform(0.3, 1.0);
        double t = start;
        while (t < duration)
        {
            foreach ((double frequency, double length, double gap) in phrase)
            {
                AddNote(samples, segments, t, length, frequency, partials, 0.005, 0.03, 1, random);
                t += length + gap;
            }

            t += pause;
        }

        return string.Create(CultureInfo.InvariantCulture, $"ringtone {notes} notes from {root:F0} Hz");
    }

    public static string RenderDoorbell(Span<float> samples, List<SoundSegment> segments, double start, Random random)
    {
        double duration = samples.Length / (double)SynthesizedSound.SampleRate;
        double ding = random.Uniform(500, 1100);
        double dong = ding * Math.Pow(2, -random.Pick(DoorbellIntervals) / 12.0);
        double decay = random.Uniform(0.4, 1.2);
        double t = start;
        while (t < duration)
        {
            AddBell(samples, segments, t, ding, decay, 1, random);
            double gap = random.Uniform(0.4, 0.8);
            AddBell(samples, segments, t + gap, dong, decay, random.Uniform(0.8, 1), random);

            // A second press, sometimes, after the bell has died away.
            t += gap + (decay * 4) + random.Uniform(1, 4);
        }

        return string.Create(CultureInfo.InvariantCulture, $"doorbell {ding:F0}/{dong:F0} Hz");
    }

    public static string RenderMusic(Span<float> samples, List<SoundSegment> segments, double start, Random random)
    {
        double duration = samples.Length / (double)SynthesizedSound.SampleRate;
        double key = random.Uniform(110, 440);
        int[] progression = random.Pick(Progressions);
        bool arpeggio = random.Chance(0.5);
        double[] partials = [1, random.Uniform(0.2, 0.6), random.Uniform(0.1, 0.4), random.Uniform(0.05, 0.2), random.Uniform(0, 0.1)];
        double chordLength = random.Uniform(0.5, 1.5);
        double t = start;
        for (int c = 0; t < duration; c++)
        {
            double root = key * Math.Pow(2, progression[c % progression.Length] / 12.0);
            int[] triad = random.Chance(0.7) ? MajorTriad : MinorTriad;
            if (arpeggio)
            {
                double step = random.Uniform(0.10, 0.25);
                for (int i = 0; i < 4; i++)
                {
                    int interval = i < 3 ? triad[i] : 12;
                    AddNote(samples, segments, t + (i * step), step * 1.5, root * Math.Pow(2, interval / 12.0), partials, 0.01, 0.1, 0.8, random);
                }

                t += 4 * step;
            }
            else
            {
                foreach (int interval in triad)
                {
                    AddNote(samples, segments, t, chordLength, root * Math.Pow(2, interval / 12.0), partials, 0.03, 0.25, 0.6, random);
                }

                // A bass note an octave below, as most accompaniment has.
                AddNote(samples, segments, t, chordLength, root / 2, [1, 0.3], 0.02, 0.2, 0.7, random);
                t += chordLength;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"music {(arpeggio ? "arpeggios" : "chords")} in {key:F0} Hz");
    }

    private static void AddNote(Span<float> samples, List<SoundSegment> segments, double at, double length, double frequency, double[] partials, double attack, double release, double level, Random random)
    {
        int from = SynthesizedSound.ToSamples(at);
        int to = Math.Min(samples.Length, SynthesizedSound.ToSamples(at + length + release));
        if (from >= to || frequency >= ToneOscillator.MaxFrequency)
        {
            return;
        }

        var envelope = new float[to - from];
        GateEnvelope.AddBeep(envelope, attack / 2, length, attack, release, level);
        new ToneOscillator(frequency, partials, random, random.Uniform(4, 6), random.Uniform(0, 8)).Render(samples[from..to], envelope, 1);
        segments.Add(new SoundSegment(SegmentKind.Distractor, from, SynthesizedSound.ToSamples(length)));
    }

    private static void AddBell(Span<float> samples, List<SoundSegment> segments, double at, double frequency, double decay, double level, Random random)
    {
        int from = SynthesizedSound.ToSamples(at);
        if (from >= samples.Length)
        {
            return;
        }

        for (int p = 0; p < BellRatios.Length; p++)
        {
            double partial = frequency * BellRatios[p];
            if (partial < ToneOscillator.MaxFrequency)
            {
                // Higher partials die away faster, as in real bells.
                DampedResonator.Add(samples, from, partial, decay / (1 + p), level * Math.Pow(0.6, p), random.Uniform(0, 2 * Math.PI));
            }
        }

        segments.Add(new SoundSegment(SegmentKind.Distractor, from, SynthesizedSound.ToSamples(decay * 2)));
    }
}
