using System.Globalization;
using AudioEdge.Synthesis.Analysis;
using AudioEdge.Synthesis.Augmentation;

namespace AudioEdge.Synthesis.Glass;

/// <summary>
/// Seeded glass breaks: a low-frequency thud, then within 0–60 ms a shatter (noise bursts and many high-Q
/// resonances at 3–8 kHz), then a thinning tinkle tail. One <see cref="SegmentKind.GlassBreak"/> segment runs from
/// the thud's onset to the end of the tail.
/// </summary>
public static class GlassBreakSynthesizer
{
    /// <summary>Generates <paramref name="durationSeconds"/> of signal holding one break (cut at the end if it does not fit).</summary>
    /// <exception cref="ArgumentException">The options are invalid, or the onset lies outside the signal.</exception>
    public static SynthesizedSound Generate(double durationSeconds, Random random, GlassBreakOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        options ??= GlassBreakOptions.Default;
        options.ThrowIfInvalid();
        int length = SynthesizedSound.ToSamples(durationSeconds);
        int onset = SynthesizedSound.ToSamples(options.OnsetSeconds.Sample(random));
        if (length <= 0 || onset >= length)
        {
            throw new ArgumentException($"The onset ({onset / (double)SynthesizedSound.SampleRate:F3} s) must lie inside the signal ({durationSeconds} s).", nameof(durationSeconds));
        }

        int rate = SynthesizedSound.SampleRate;
        var shatter = new float[length];
        int shatterStart = onset + SynthesizedSound.ToSamples(options.ShatterDelaySeconds.Sample(random));

        // Shatter: the first burst at the break, the others as cracks run through the pane.
        int bursts = options.BurstCount.SampleInt(random);
        for (int b = 0; b < bursts; b++)
        {
            int at = shatterStart + (b == 0 ? 0 : SynthesizedSound.ToSamples(random.Uniform(0.005, 0.150)));
            double level = b == 0 ? 1.0 : random.Uniform(0.3, 0.8);
            NoiseBurst.Add(shatter, at, options.BurstDecaySeconds.Sample(random), level, random, Biquad.HighPass(options.BurstHighPassHz.Sample(random)));
        }

        // Resonances struck by the shatter, most in its first tens of milliseconds.
        int struck = options.ShatterResonances.SampleInt(random);
        for (int r = 0; r < struck; r++)
        {
            double delay = 0.100 * Math.Pow(random.NextDouble(), 2);
            AddResonance(shatter, shatterStart + SynthesizedSound.ToSamples(delay), options, random, random.Uniform(0.05, 0.4) * Math.Exp(-delay / 0.1));
        }

        // Tinkle tail: fragments land and ring, ever fewer and quieter (a Poisson process with a decaying rate).
        double tail = options.TailSeconds.Sample(random);
        double rateAtStart = options.TinkleRatePerSecond.Sample(random);
        double rateDecay = tail / Math.Log(5);
        for (double t = 0.05; t < tail;)
        {
            double instantaneousRate = rateAtStart * Math.Exp(-t / rateDecay);
            t += -Math.Log(1 - random.NextDouble()) / Math.Max(instantaneousRate, 1e-3);
            if (t >= tail)
            {
                break;
            }

            int at = shatterStart + SynthesizedSound.ToSamples(t);
            double level = random.Uniform(0.05, 0.3) * Math.Exp(-t / Math.Max(tail / 2, 0.05));
            int modes = random.Next(1, 4);
            for (int m = 0; m < modes; m++)
            {
                AddResonance(shatter, at, options, random, level);
            }

            // The impact itself: a click of a millisecond or two.
            NoiseBurst.Add(shatter, at, random.Uniform(0.0005, 0.002), level * 0.5, random, Biquad.HighPass(2000));
        }

        float shatterPeak = SignalLevels.Peak(shatter);
        var samples = new float[length];
        AddThud(samples, onset, options, random, shatterPeak * SignalLevels.DbToGain(options.ThudLevelDb.Sample(random)));
        for (int n = 0; n < length; n++)
        {
            samples[n] += shatter[n];
        }

        float peak = SignalLevels.Peak(samples);
        if (peak > 0)
        {
            SignalLevels.Scale(samples, options.Amplitude.Sample(random) / peak);
        }

        int end = shatterStart + SynthesizedSound.ToSamples(tail);
        var segment = new SoundSegment(SegmentKind.GlassBreak, onset, Math.Max(1, end - onset));
        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"glass_break onset {onset / (double)rate:F3} s, shatter +{(shatterStart - onset) * 1000.0 / rate:F0} ms, tail {tail:F2} s");
        return new SynthesizedSound(samples, [segment], description);
    }

    private static void AddThud(Span<float> samples, int onset, GlassBreakOptions options, Random random, double peak)
    {
        var thud = new float[samples.Length];
        int modes = options.ThudModes.SampleInt(random);
        for (int m = 0; m < modes; m++)
        {
            // Start the sines near their zero crossing (phase ≈ 0) so that the pane's push is a smooth swell, not a click.
            DampedResonator.Add(thud, onset, options.ThudFrequencyHz.Sample(random), options.ThudDecaySeconds.Sample(random), random.Uniform(0.5, 1), random.Uniform(-0.3, 0.3));
        }

        float current = SignalLevels.Peak(thud);
        if (current == 0)
        {
            return;
        }

        float gain = (float)(peak / current);
        for (int n = 0; n < samples.Length; n++)
        {
            samples[n] += thud[n] * gain;
        }
    }

    private static void AddResonance(Span<float> samples, int at, GlassBreakOptions options, Random random, double amplitude)
    {
        double frequency = options.ResonanceFrequencyHz.Sample(random);
        double decay = DampedResonator.DecayForQ(frequency, options.ResonanceQ.Sample(random));
        DampedResonator.Add(samples, at, frequency, decay, amplitude, random.Uniform(0, 2 * Math.PI));
    }
}
