using System.Globalization;

namespace AudioEdge.Synthesis.Negatives;

/// <summary>Microwave, oven, washing-machine beeps: one tone per appliance, a single beep or a short sequence.</summary>
internal static class ApplianceBeeps
{
    public static string Render(Span<float> samples, List<SoundSegment> segments, double start, HardNegativeOptions options, Random random)
    {
        double duration = samples.Length / (double)SynthesizedSound.SampleRate;
        double frequency = options.ApplianceFrequencyHz.Sample(random);

        // Appliance buzzers are piezo discs or magnetic transducers driven by square waves: some sound nearly pure,
        // some buzzy with odd harmonics.
        bool buzzy = random.Chance(0.4);
        double[] partials = buzzy ? [1, 0, random.Uniform(0.1, 0.35), 0, random.Uniform(0.05, 0.2)] : [1, random.Uniform(0, 0.05)];
        var envelope = new float[samples.Length];
        var beeps = new List<(double On, double Off)>();
        bool single = random.Chance(options.ApplianceSingleProbability);
        double t = start;
        while (t < duration)
        {
            if (single)
            {
                beeps.Add((t, t + options.ApplianceSingleBeepSeconds.Sample(random)));
            }
            else
            {
                // A sequence keeps one beep length and one spacing (one appliance's timer), each varying by a few ms.
                int count = options.ApplianceBeepCount.SampleInt(random);
                double on = options.ApplianceBeepSeconds.Sample(random);
                double spacing = options.ApplianceSpacingSeconds.Sample(random);
                for (int i = 0; i < count; i++)
                {
                    double at = t + (i * spacing);
                    beeps.Add((at, at + (on * random.Uniform(0.98, 1.02))));
                }
            }

            // Appliances repeat their reminder after a pause, if at all; the pause is far longer than any alarm's.
            t = beeps[^1].Off + random.Uniform(2.5, 6);
        }

        double attack = random.Uniform(0.001, 0.008), decay = random.Uniform(0.003, 0.030);
        foreach ((double on, double off) in beeps)
        {
            GateEnvelope.AddBeep(envelope, on, off, attack, decay);
            int from = SynthesizedSound.ToSamples(on);
            segments.Add(new SoundSegment(SegmentKind.Distractor, from, SynthesizedSound.ToSamples(off) - from));
        }

        new ToneOscillator(frequency, partials, random).Render(samples, envelope, 1);
        return string.Create(CultureInfo.InvariantCulture, $"appliance_beeps {(single ? "single" : "sequence")} {frequency:F0} Hz");
    }
}
