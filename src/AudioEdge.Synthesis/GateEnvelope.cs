namespace AudioEdge.Synthesis;

/// <summary>On/off gating with raised-cosine attack and decay ramps.</summary>
/// <remarks>
/// Each ramp is centred on its nominal boundary, so the envelope crosses half amplitude exactly at the nominal
/// on and off times: a measured beep length (at -6 dB) equals the cadence's duration whatever the ramp lengths.
/// Ramps are shortened to 40 % of the beep so that short pulses (50 ms) still reach full level.
/// </remarks>
internal static class GateEnvelope
{
    /// <summary>Adds (as a maximum) one beep's envelope, on from <paramref name="onSeconds"/> to <paramref name="offSeconds"/>, scaled by <paramref name="level"/>.</summary>
    public static void AddBeep(Span<float> envelope, double onSeconds, double offSeconds, double attackSeconds, double decaySeconds, double level = 1)
    {
        int rate = SynthesizedSound.SampleRate;
        double length = offSeconds - onSeconds;
        double halfAttack = Math.Min(attackSeconds / 2, 0.4 * length);
        double halfDecay = Math.Min(decaySeconds / 2, 0.4 * length);
        int first = Math.Max(0, (int)Math.Floor((onSeconds - halfAttack) * rate));
        int last = Math.Min(envelope.Length, (int)Math.Ceiling((offSeconds + halfDecay) * rate) + 1);
        for (int n = first; n < last; n++)
        {
            double t = n / (double)rate;
            double value = level * Ramp(t, onSeconds - halfAttack, onSeconds + halfAttack) * (1 - Ramp(t, offSeconds - halfDecay, offSeconds + halfDecay));
            if (value > envelope[n])
            {
                envelope[n] = (float)value;
            }
        }
    }

    /// <summary>0 before <paramref name="from"/>, 1 after <paramref name="to"/>, a raised cosine between (a step when they are equal).</summary>
    public static double Ramp(double t, double from, double to)
    {
        if (t <= from)
        {
            return t >= to ? 1 : 0;
        }

        if (t >= to)
        {
            return 1;
        }

        return 0.5 - (0.5 * Math.Cos(Math.PI * (t - from) / (to - from)));
    }
}
