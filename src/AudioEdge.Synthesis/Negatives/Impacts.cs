using System.Globalization;
using AudioEdge.Synthesis.Augmentation;

namespace AudioEdge.Synthesis.Negatives;

/// <summary>
/// Impulsive hard negatives for the glass detector. Slams and knocks have a thud but no high-frequency shatter;
/// clinks and clatter have high resonances but neither the thud nor the broadband noise burst of a break.
/// </summary>
internal static class Impacts
{
    public static string Render(Span<float> samples, List<SoundSegment> segments, double start, Random random)
    {
        double duration = samples.Length / (double)SynthesizedSound.SampleRate;
        var kinds = new List<ImpactKind>();
        double t = start;
        while (t < duration)
        {
            ImpactKind kind = (ImpactKind)random.Next(4);
            kinds.Add(kind);
            double length = kind switch
            {
                ImpactKind.DoorSlam => DoorSlam(samples, t, random),
                ImpactKind.Knocks => Knocks(samples, t, random),
                ImpactKind.CutleryClinks => Clinks(samples, t, random),
                _ => Clatter(samples, t, random),
            };
            int from = SynthesizedSound.ToSamples(t);
            segments.Add(new SoundSegment(SegmentKind.Distractor, from, SynthesizedSound.ToSamples(length)));
            t += length + random.Uniform(0.5, 2.5);
        }

        return "impacts " + string.Join('+', kinds.Distinct().Select(k => k.ToString().ToLower(CultureInfo.InvariantCulture)));
    }

    private static double DoorSlam(Span<float> samples, double at, Random random)
    {
        int from = SynthesizedSound.ToSamples(at);
        for (int m = random.Next(1, 4); m > 0; m--)
        {
            DampedResonator.Add(samples, from, random.Uniform(40, 150), random.Uniform(0.03, 0.12), random.Uniform(0.5, 1), random.Uniform(-0.3, 0.3));
        }

        // The latch and the frame: a short dull crack, low-passed (no shatter above it).
        NoiseBurst.Add(samples, from, random.Uniform(0.005, 0.03), random.Uniform(0.2, 0.6), random, Biquad.LowPass(random.Uniform(800, 2500)));
        return 0.3;
    }

    private static double Knocks(Span<float> samples, double at, Random random)
    {
        int count = random.Next(2, 5);
        double spacing = random.Uniform(0.12, 0.30);
        double frequency = random.Uniform(150, 500);
        for (int k = 0; k < count; k++)
        {
            int from = SynthesizedSound.ToSamples(at + (k * spacing * random.Uniform(0.9, 1.1)));
            DampedResonator.Add(samples, from, frequency * random.Uniform(0.95, 1.05), random.Uniform(0.01, 0.04), random.Uniform(0.6, 1), 0);
            NoiseBurst.Add(samples, from, random.Uniform(0.002, 0.006), random.Uniform(0.1, 0.3), random, Biquad.LowPass(3000));
        }

        return count * spacing;
    }

    private static double Clinks(Span<float> samples, double at, Random random)
    {
        int count = random.Next(1, 7);
        double t = 0;
        for (int c = 0; c < count; c++)
        {
            AddClink(samples, SynthesizedSound.ToSamples(at + t), random.Uniform(0.4, 1), random, 2000, 7800, 0.02, 0.2);
            t += random.Uniform(0.06, 0.5);
        }

        return t + 0.2;
    }

    private static double Clatter(Span<float> samples, double at, Random random)
    {
        int count = random.Next(5, 16);
        double span = random.Uniform(0.3, 1.0);
        for (int c = 0; c < count; c++)
        {
            double offset = span * Math.Pow(random.NextDouble(), 1.5);
            AddClink(samples, SynthesizedSound.ToSamples(at + offset), random.Uniform(0.2, 1), random, 1000, 6000, 0.01, 0.06);
        }

        return span + 0.1;
    }

    /// <summary>A metal or ceramic contact: a few modes excited by a sub-millisecond tap, no noise burst.</summary>
    private static void AddClink(Span<float> samples, int from, double level, Random random, double lowHz, double highHz, double shortestDecay, double longestDecay)
    {
        double fundamental = random.Uniform(lowHz, highHz * 0.6);
        for (int m = random.Next(2, 6); m > 0; m--)
        {
            double frequency = Math.Min(highHz, fundamental * random.Uniform(1, 2.9));
            DampedResonator.Add(samples, from, frequency, random.Uniform(shortestDecay, longestDecay), level * random.Uniform(0.3, 1), random.Uniform(0, 2 * Math.PI));
        }
    }
}
