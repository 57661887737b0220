using System.Globalization;

namespace AudioEdge.Synthesis.Alarms;

/// <summary>
/// Seeded smoke, CO and low-frequency alarms: a cadence of beeps (each on and off duration jittered within the
/// standards' tolerance) gating a piezo tone or a 520 Hz square wave. Every beep is returned as an
/// <see cref="SegmentKind.Alarm"/> segment, from its nominal on time to its nominal off time.
/// </summary>
public static class AlarmSynthesizer
{
    /// <summary>Generates <paramref name="durationSeconds"/> of the alarm.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed) or the duration is not positive.</exception>
    public static SynthesizedSound Generate(AlarmPattern pattern, double durationSeconds, Random random, AlarmOptions? options = null) =>
        Generate(pattern, durationSeconds, random, options, out _);

    /// <summary>
    /// Generates <paramref name="durationSeconds"/> of the alarm and says from when its whole cadence can be heard:
    /// <paramref name="cadenceOnsetSeconds"/> is the start of the first beep of the first complete group (T3, T4,
    /// the low-frequency T3), or of the first beep heard (continuous beeping), or null when no complete group fits.
    /// </summary>
    /// <remarks>
    /// An alarm that starts mid-cycle (the default, <see cref="AlarmOptions.LeadingSilenceSeconds"/> 0) may begin
    /// with the end of a group, which no decoder can read as T3 or T4; detection latency is fair only from here.
    /// Drawing the same random numbers as <see cref="Generate(AlarmPattern, double, Random, AlarmOptions?)"/>, so
    /// both give the same signal for the same seed.
    /// </remarks>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed) or the duration is not positive.</exception>
    public static SynthesizedSound Generate(
        AlarmPattern pattern, double durationSeconds, Random random, AlarmOptions? options, out double? cadenceOnsetSeconds)
    {
        ArgumentNullException.ThrowIfNull(random);
        options ??= AlarmOptions.Default;
        options.ThrowIfInvalid();
        if (!Enum.IsDefined(pattern))
        {
            throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown alarm pattern.");
        }

        if (!(durationSeconds > 0 && durationSeconds <= 3600))
        {
            throw new ArgumentException($"The duration {durationSeconds} s must be within (0, 3600].", nameof(durationSeconds));
        }

        int length = SynthesizedSound.ToSamples(durationSeconds);
        double amplitude = options.Amplitude.Sample(random);
        double[] nominal = NominalCycle(pattern, options, random, out string cadenceText);
        List<(double On, double Off, bool StartsGroup)> beeps = Schedule(nominal, durationSeconds, options, random);
        cadenceOnsetSeconds = CadenceOnset(pattern, beeps);

        var samples = new float[length];
        var envelope = new float[length];
        string sound;
        if (pattern == AlarmPattern.LowFrequency)
        {
            double frequency = options.LowFrequencyHz.Sample(random);
            foreach ((double on, double off, _) in beeps)
            {
                // A square-wave driver switches almost instantly: 1–3 ms edges, just enough to avoid clicks.
                GateEnvelope.AddBeep(envelope, on, off, random.Uniform(0.001, 0.003), random.Uniform(0.001, 0.003), random.Uniform(0.95, 1.0));
            }

            // Band-limited square wave: odd partials at 1/k (the Fourier series), up to the oscillator's limit.
            double[] partials = [.. Enumerable.Range(1, 31).Select(k => k % 2 == 1 ? 4 / (Math.PI * k) : 0)];
            var oscillator = new ToneOscillator(frequency, partials, random, driftCents: random.Uniform(0, 10));
            oscillator.Render(samples, envelope, 1);
            sound = string.Create(CultureInfo.InvariantCulture, $"{frequency:F0} Hz square");
        }
        else
        {
            PiezoToneOptions piezo = options.Piezo;
            double frequency = piezo.FrequencyHz.Sample(random);
            double attack = piezo.AttackSeconds.Sample(random), decay = piezo.DecaySeconds.Sample(random);
            foreach ((double on, double off, _) in beeps)
            {
                // Battery sag and the sounder's resonance make successive beeps differ by a fraction of a dB.
                GateEnvelope.AddBeep(envelope, on, off, attack, decay, random.Uniform(0.9, 1.0));
            }

            double[] partials =
            [
                1,
                Analysis.SignalLevels.DbToGain(piezo.HarmonicLevelDb.Sample(random)),
                Analysis.SignalLevels.DbToGain(piezo.HarmonicLevelDb.Sample(random)),
            ];
            var oscillator = new ToneOscillator(
                frequency, partials, random, piezo.WarbleRateHz.Sample(random), piezo.WarbleCents.Sample(random), piezo.DriftCents.Sample(random));
            oscillator.Render(samples, envelope, 1);
            sound = string.Create(CultureInfo.InvariantCulture, $"{frequency:F0} Hz piezo");
        }

        Normalize(samples, amplitude);
        var segments = new List<SoundSegment>(beeps.Count);
        foreach ((double on, double off, _) in beeps)
        {
            int start = Math.Max(0, SynthesizedSound.ToSamples(on));
            int end = Math.Min(length, SynthesizedSound.ToSamples(off));
            if (end > start)
            {
                segments.Add(new SoundSegment(SegmentKind.Alarm, start, end - start));
            }
        }

        return new SynthesizedSound(samples, segments, $"{Name(pattern)} {cadenceText} {sound}");
    }

    /// <summary>A short stable name for a pattern, e.g. for file names and dataset categories.</summary>
    public static string Name(AlarmPattern pattern) => pattern switch
    {
        AlarmPattern.TemporalThree => "smoke_t3",
        AlarmPattern.ContinuousFast => "smoke_fast",
        AlarmPattern.TemporalFour => "co_t4",
        AlarmPattern.LowFrequency => "smoke_lf520",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown alarm pattern."),
    };

    /// <summary>One cycle of nominal durations in seconds, alternating on, off, on, off, ….</summary>
    private static double[] NominalCycle(AlarmPattern pattern, AlarmOptions options, Random random, out string text)
    {
        switch (pattern)
        {
            case AlarmPattern.TemporalThree or AlarmPattern.LowFrequency:
                text = "T3";
                return [0.5, 0.5, 0.5, 0.5, 0.5, 1.5];
            case AlarmPattern.TemporalFour:
                text = "T4";
                return [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, options.TemporalFourPauseSeconds];
            default:
                double on = options.FastOnSeconds.Sample(random), off = options.FastOffSeconds.Sample(random);
                text = string.Create(CultureInfo.InvariantCulture, $"{on * 1000:F0}/{off * 1000:F0} ms");
                return [on, off];
        }
    }

    /// <summary>
    /// The beeps (on, off times in seconds, and whether the beep is its cycle's first) that overlap [0, duration),
    /// every duration jittered independently.
    /// </summary>
    private static List<(double On, double Off, bool StartsGroup)> Schedule(double[] cycle, double durationSeconds, AlarmOptions options, Random random)
    {
        double leading = options.LeadingSilenceSeconds.Sample(random);
        double t = leading;
        if (leading == 0)
        {
            // Mid-alarm: start anywhere in the cycle by beginning up to one cycle before the signal does.
            t = -random.Uniform(0, cycle.Sum());
        }

        var beeps = new List<(double, double, bool)>();
        for (int i = 0; t < durationSeconds; i = (i + 1) % cycle.Length)
        {
            double span = random.Jitter(cycle[i], options.TimingJitter);
            if (i % 2 == 0 && t + span > 0)
            {
                beeps.Add((t, t + span, i == 0));
            }

            t += span;
        }

        return beeps;
    }

    /// <summary>The first group heard from its first beep on; any beep of continuous beeping starts its pattern.</summary>
    private static double? CadenceOnset(AlarmPattern pattern, List<(double On, double Off, bool StartsGroup)> beeps)
    {
        if (pattern == AlarmPattern.ContinuousFast)
        {
            return beeps.Count > 0 ? Math.Max(0, beeps[0].On) : null;
        }

        foreach ((double on, _, bool startsGroup) in beeps)
        {
            if (startsGroup && on >= 0)
            {
                return on;
            }
        }

        return null;
    }

    private static void Normalize(Span<float> samples, double peak)
    {
        float current = Analysis.SignalLevels.Peak(samples);
        if (current > 0)
        {
            Analysis.SignalLevels.Scale(samples, peak / current);
        }
    }
}
