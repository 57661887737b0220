namespace AudioEdge.Synthesis.Augmentation;

/// <summary>
/// Synthetic room impulse responses: the direct sound, a few discrete early reflections, then a diffuse late tail
/// of Gaussian noise under an exponential envelope that falls 60 dB in RT60 (Schroeder's statistical model of
/// reverberation; Polack 1988). The high band decays faster than the low band, as in furnished rooms.
/// </summary>
public static class RoomImpulseResponse
{
    /// <summary>Generates a response with reverberation time <paramref name="rt60Seconds"/>; sample 0 is the direct sound, of amplitude 1.</summary>
    /// <remarks>The response lasts RT60 (the tail has fallen 60 dB by then) plus the latest early reflection.</remarks>
    public static float[] Generate(double rt60Seconds, Random random, RoomImpulseResponseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        options ??= RoomImpulseResponseOptions.Default;
        options.ThrowIfInvalid();
        if (!(rt60Seconds is >= 0.05 and <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(rt60Seconds), rt60Seconds, "RT60 must be within [0.05, 10] s.");
        }

        int rate = SynthesizedSound.SampleRate;
        int length = (int)Math.Ceiling((rt60Seconds + options.EarlyDelaySeconds.Max) * rate);
        var response = new float[length];

        // Late tail: starts at the first reflection, fades in over 5 ms (the echo density builds up), decays 60 dB in
        // RT60 in the low band and faster in the high band.
        int tailStart = Math.Max(1, (int)(options.EarlyDelaySeconds.Min * rate));
        var low = new float[length];
        var high = new float[length];
        for (int n = tailStart; n < length; n++)
        {
            low[n] = (float)random.Gaussian();
            high[n] = (float)random.Gaussian();
        }

        Biquad.LowPass(4000).Process(low);
        Biquad.HighPass(4000).Process(high);
        double highRt60 = rt60Seconds * options.HighFrequencyDecayRatio.Sample(random);
        double tailEnergy = 0;
        for (int n = tailStart; n < length; n++)
        {
            double t = (n - tailStart) / (double)rate;
            double fadeIn = Math.Min(1, t / 0.005);
            // Energy falls 60 dB in RT60: amplitude e^(-6.91 t / RT60).
            double sample = fadeIn * ((low[n] * Math.Exp(-6.908 * t / rt60Seconds)) + (high[n] * Math.Exp(-6.908 * t / highRt60)));
            response[n] = (float)sample;
            tailEnergy += sample * sample;
        }

        // Discrete early reflections, later ones weaker (longer paths, more absorption); their relative levels are
        // drawn here, their overall level below.
        int reflections = options.EarlyReflections.SampleInt(random);
        var early = new List<(int At, double Amplitude)>(reflections);
        double earlyEnergy = 0;
        for (int r = 0; r < reflections; r++)
        {
            double delay = options.EarlyDelaySeconds.Sample(random);
            double amplitude = random.Uniform(0.3, 1) * (options.EarlyDelaySeconds.Min / delay) * (random.Chance(0.5) ? 1 : -1);
            early.Add((Math.Max(1, (int)(delay * rate)), amplitude));
            earlyEnergy += amplitude * amplitude;
        }

        // The direct sound has energy 1; everything else together has 1/DRR, split between reflections and tail.
        double reverberant = Math.Pow(10, -options.DirectToReverberantDb.Sample(random) / 10);
        double earlyShare = reflections > 0 ? options.EarlyEnergyShare.Sample(random) : 0;
        double tailGain = tailEnergy > 0 ? Math.Sqrt(reverberant * (1 - earlyShare) / tailEnergy) : 0;
        double earlyGain = earlyEnergy > 0 ? Math.Sqrt(reverberant * earlyShare / earlyEnergy) : 0;
        for (int n = 0; n < length; n++)
        {
            response[n] *= (float)tailGain;
        }

        foreach ((int at, double amplitude) in early)
        {
            response[at] += (float)(amplitude * earlyGain);
        }

        response[0] = 1;
        return response;
    }

    /// <summary>
    /// The reverberation time of a response, estimated by Schroeder backward integration: the slope of the energy
    /// decay curve between -5 and -25 dB, extrapolated to 60 dB (T20). For tests and diagnostics.
    /// </summary>
    public static double EstimateRt60(ReadOnlySpan<float> response)
    {
        var decay = new double[response.Length];
        double sum = 0;
        for (int n = response.Length - 1; n >= 0; n--)
        {
            sum += (double)response[n] * response[n];
            decay[n] = sum;
        }

        if (sum <= 0)
        {
            return 0;
        }

        int start = -1, end = -1;
        for (int n = 0; n < decay.Length; n++)
        {
            double db = 10 * Math.Log10(decay[n] / sum);
            if (start < 0 && db <= -5)
            {
                start = n;
            }

            if (db <= -25)
            {
                end = n;
                break;
            }
        }

        if (start < 0 || end <= start)
        {
            return double.NaN;
        }

        // Least-squares line through the decay curve (dB against seconds) between the two points.
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int count = end - start + 1;
        for (int n = start; n <= end; n++)
        {
            double x = n / (double)SynthesizedSound.SampleRate, y = 10 * Math.Log10(decay[n] / sum);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }

        double slope = ((count * sxy) - (sx * sy)) / ((count * sxx) - (sx * sx));
        return -60 / slope;
    }
}
