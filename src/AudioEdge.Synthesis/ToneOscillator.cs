namespace AudioEdge.Synthesis;

/// <summary>
/// A harmonic oscillator with slow drift and a periodic warble, rendered by phase accumulation so that the
/// frequency can move without clicks. Harmonics at or above <see cref="MaxFrequency"/> are left out: there is
/// nothing to alias into the 0–8 kHz band.
/// </summary>
internal sealed class ToneOscillator
{
    /// <summary>Highest partial rendered: just under the 8 kHz Nyquist frequency.</summary>
    public const double MaxFrequency = 7900;

    private readonly double _frequency;
    private readonly double[] _amplitudes;
    private readonly double[] _phases;
    private readonly double _warbleRate;
    private readonly double _warbleCents;
    private readonly double _driftCents;
    private readonly double _driftPeriod;
    private readonly double _driftPhase;
    private double _phase;
    private long _position;

    /// <param name="frequency">Fundamental in Hz.</param>
    /// <param name="amplitudes">Amplitude of partial k+1 at index k (index 0 is the fundamental).</param>
    /// <param name="random">Draws the partials' phases and the drift's phase.</param>
    /// <param name="warbleRate">Hz of the periodic frequency modulation; 0 for none.</param>
    /// <param name="warbleCents">Peak deviation of the warble.</param>
    /// <param name="driftCents">Peak deviation of the slow drift (period 2–6 s).</param>
    public ToneOscillator(double frequency, IReadOnlyList<double> amplitudes, Random random, double warbleRate = 0, double warbleCents = 0, double driftCents = 0)
    {
        _frequency = frequency;
        double maxRatio = Math.Pow(2, (Math.Abs(warbleCents) + Math.Abs(driftCents)) / 1200);
        int partials = 0;
        while (partials < amplitudes.Count && (partials + 1) * frequency * maxRatio < MaxFrequency)
        {
            partials++;
        }

        _amplitudes = [.. amplitudes.Take(partials)];
        _phases = [.. Enumerable.Range(0, partials).Select(_ => random.Uniform(0, 2 * Math.PI))];
        _warbleRate = warbleRate;
        _warbleCents = warbleCents;
        _driftCents = driftCents;
        _driftPeriod = random.Uniform(2, 6);
        _driftPhase = random.Uniform(0, 2 * Math.PI);
    }

    /// <summary>Adds the next <paramref name="output"/>.Length samples, each multiplied by the envelope value (when given) and <paramref name="gain"/>.</summary>
    public void Render(Span<float> output, ReadOnlySpan<float> envelope, double gain)
    {
        int rate = SynthesizedSound.SampleRate;
        for (int n = 0; n < output.Length; n++, _position++)
        {
            double t = _position / (double)rate;
            double cents = (_warbleCents * Math.Sin(2 * Math.PI * _warbleRate * t))
                + (_driftCents * Math.Sin((2 * Math.PI * t / _driftPeriod) + _driftPhase));
            double frequency = _frequency * Math.Pow(2, cents / 1200);
            _phase += 2 * Math.PI * frequency / rate;
            if (_phase > 2 * Math.PI * 1024)
            {
                // Keep the argument of Sin small; whole turns change nothing.
                _phase -= 2 * Math.PI * 1024;
            }

            double e = envelope.IsEmpty ? 1 : envelope[n];
            if (e == 0)
            {
                continue;
            }

            double value = 0;
            for (int k = 0; k < _amplitudes.Length; k++)
            {
                value += _amplitudes[k] * Math.Sin(((k + 1) * _phase) + _phases[k]);
            }

            output[n] += (float)(value * e * gain);
        }
    }
}
