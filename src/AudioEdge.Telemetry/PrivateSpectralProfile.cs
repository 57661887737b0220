using AudioEdge.Dsp;

namespace AudioEdge.Telemetry;

/// <summary>
/// The coarse spectral profile for drift detection: the mean log energy of 8 wide bands (each the mean of 8
/// adjacent mel bands of the front end) over a reporting interval, released with the Laplace mechanism of
/// differential privacy. Not thread-safe; <see cref="TelemetryAggregator"/> serialises access.
/// </summary>
/// <remarks>
/// <para><b>Clamping.</b> Every per-frame coarse-band value is clamped to [<see cref="LowerBound"/>,
/// <see cref="UpperBound"/>] before it enters the sum (NaN counts as the lower bound). Clamping the inputs, not the
/// mean, is what bounds each frame's influence. The range is the one the front end can produce for audio in
/// [-1, 1]: the lower bound is ln of its floor (ln 1e-10 ≈ -23.03); the upper bound is ln(N·Σw²) for FFT size N and
/// window w (ln(512 · 150) ≈ 11.25 for the defaults), because by Parseval Σₖ|X(k)|² = N·Σ(x·w)² ≤ N·Σw² and a mel
/// band sums a subset of those bins with weights ≤ 1. So clamping changes nothing for in-range audio; it only caps
/// samples beyond full scale (possible with float input) and guarantees the bound. Range R ≈ 34.3 nats.</para>
/// <para><b>Sensitivity.</b> The protected unit is any 1 s of audio: neighbouring inputs differ in up to
/// <see cref="ProtectedFrames"/> = 100 frames (1 s at the front end's 10 ms hop; the 100 frames need not even be
/// consecutive), any content. Replacing one of n frames moves each band mean by at most R/n, so replacing up to 100
/// moves it by at most R·min(100, n)/n, and the L1 sensitivity of the 8-vector is Δ = 8·R·min(100, n)/n.</para>
/// <para><b>Mechanism.</b> Each band gets independent Laplace(0, b) noise with b = Δ/ε (<see cref="NoiseScale"/>),
/// drawn from a cryptographic generator, then is rounded to 0.1 (post-processing, which cannot weaken the guarantee;
/// it also hides the low-order bits of the floating-point noise that an attacker on textbook implementations can
/// exploit). Nothing is released below <see cref="MinimumFrames"/> frames (60 s of audio): the noise would grow as
/// 1/n and short intervals say little about drift. Whether a profile is released depends only on the frame count,
/// which depends on uptime, not on the sound.</para>
/// <para><b>What ε means here.</b> For any one report, the probability of any released profile changes by at most a
/// factor e^ε whatever any 1 s of the audio contained. A sound lasting k seconds is covered by group privacy with
/// k·ε; a shorter one costs less, in proportion (a single 10 ms frame: ε/100), because the privacy loss grows
/// linearly with the number of frames changed. At defaults (5 min = 30000 frames, ε = 1) the noise has
/// b = 8·34.3·100/30000 ≈ 0.91 nats per band, so a single report's profile is coarse; drift detection averages
/// reports: over a day of 288 reports the standard deviation of the mean's noise shrinks to b·√2/√288 ≈ 0.08 nats,
/// which is what it needs.</para>
/// <para><b>Composition over reports.</b> Reports cover disjoint intervals, so each frame enters exactly one report.
/// Changing m frames of a report moves its 8 means by at most 8·R·m/n in L1, a privacy loss of at most (m/100)·ε
/// for that report; so any 1 s of audio costs at most ε over the device's whole life, however many reports are sent,
/// even when that second straddles the boundary between two intervals (m₁ + m₂ ≤ 100 frames: the losses add up to
/// at most ε). A property that persists across T reports (a room's constant hum — exactly what drift detection looks
/// for) composes sequentially: T·ε over those T reports (288·ε a day at defaults); the profile is meant to reveal
/// such properties, not to hide them.</para>
/// <para>ε covers only this profile. The other report fields (level percentiles, score histograms, counts, latency,
/// system statistics) are coarse aggregates without noise.</para>
/// </remarks>
public sealed class PrivateSpectralProfile
{
    /// <summary>Coarse bands in the profile.</summary>
    public const int Bands = 8;

    /// <summary>Frames needed before a profile is released at all: 6000 = 60 s at the front end's 10 ms hop.</summary>
    public const int MinimumFrames = 6000;

    /// <summary>
    /// The unit of privacy: neighbouring inputs differ in up to this many frames, 100 = 1 s at the front end's 10 ms
    /// hop. ε bounds what any 1 s of audio can change in a report.
    /// </summary>
    public const int ProtectedFrames = 100;

    private readonly double[] _sums = new double[Bands];

    /// <summary>A profile over the features of <paramref name="frontEnd"/> (default: the product's front end).</summary>
    /// <exception cref="ArgumentException">The front end's mel band count is not a multiple of 8, or its options are invalid.</exception>
    public PrivateSpectralProfile(FrontEndOptions? frontEnd = null)
    {
        frontEnd ??= FrontEndOptions.Default;
        frontEnd.ThrowIfInvalid();
        if (frontEnd.MelBands % Bands != 0)
        {
            throw new ArgumentException($"The spectral profile groups mel bands by {Bands}; {frontEnd.MelBands} bands do not divide.", nameof(frontEnd));
        }

        MelBands = frontEnd.MelBands;
        LowerBound = Math.Log(frontEnd.LogFloor);
        double windowEnergy = 0;
        for (int n = 0; n < frontEnd.WindowLength; n++)
        {
            // The periodic Hann window of LogMelFrontEnd.
            double w = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / frontEnd.WindowLength));
            windowEnergy += w * w;
        }

        UpperBound = Math.Log(frontEnd.FftSize * windowEnergy);
    }

    /// <summary>Mel bands per input frame.</summary>
    public int MelBands { get; }

    /// <summary>Smallest value a coarse band contributes: ln of the front end's floor.</summary>
    public double LowerBound { get; }

    /// <summary>Largest value a coarse band contributes: ln(FftSize · Σ window²), the most a full-scale input can reach.</summary>
    public double UpperBound { get; }

    /// <summary>R = <see cref="UpperBound"/> − <see cref="LowerBound"/>.</summary>
    public double Range => UpperBound - LowerBound;

    /// <summary>Frames accumulated since construction or <see cref="Reset"/>.</summary>
    public long Frames { get; private set; }

    /// <summary>Adds log-mel frames, frame-major, <see cref="MelBands"/> values each (one or more frames). Allocation-free.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of <see cref="MelBands"/>.</exception>
    public void AddFrames(ReadOnlySpan<float> logMelFrames)
    {
        if (logMelFrames.Length % MelBands != 0)
        {
            throw new ArgumentException($"Log-mel frames have {MelBands} values each; got {logMelFrames.Length} values.", nameof(logMelFrames));
        }

        int group = MelBands / Bands;
        double lower = LowerBound, upper = UpperBound;
        for (int offset = 0; offset < logMelFrames.Length; offset += MelBands)
        {
            ReadOnlySpan<float> frame = logMelFrames.Slice(offset, MelBands);
            for (int band = 0; band < Bands; band++)
            {
                double sum = 0;
                foreach (float value in frame.Slice(band * group, group))
                {
                    sum += value;
                }

                double mean = sum / group;
                // Clamp per frame: this is what makes one frame's influence on the mean at most Range / n (and 100 frames' 100·Range / n).
                _sums[band] += mean >= lower ? Math.Min(mean, upper) : lower;
            }
        }

        Frames += logMelFrames.Length / MelBands;
    }

    /// <summary>
    /// L1 sensitivity of the 8 band means over <paramref name="frames"/> = n frames when neighbouring inputs differ in
    /// up to <see cref="ProtectedFrames"/> frames: 8·R·min(100, n)/n.
    /// </summary>
    public double L1Sensitivity(long frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        return Bands * Range * Math.Min(ProtectedFrames, frames) / frames;
    }

    /// <summary>
    /// The Laplace scale b = Δ/ε = 8·R·min(100, n)/(n·ε) for <paramref name="frames"/> = n frames and
    /// <paramref name="epsilon"/>.
    /// </summary>
    public double NoiseScale(long frames, double epsilon)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be positive and finite.");
        }

        return L1Sensitivity(frames) / epsilon;
    }

    /// <summary>
    /// The 8 noisy band means (ln energy, rounded to 0.1), or null below <see cref="MinimumFrames"/> frames. Does not
    /// reset: every call spends another ε, so call it once per interval.
    /// </summary>
    public double[]? Release(double epsilon, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (Frames < MinimumFrames)
        {
            return null;
        }

        double scale = NoiseScale(Frames, epsilon);
        var released = new double[Bands];
        for (int band = 0; band < Bands; band++)
        {
            double mean = _sums[band] / Frames;
            released[band] = Math.Round(mean + LaplaceNoise.Sample(random, scale), 1, MidpointRounding.AwayFromZero);
        }

        return released;
    }

    /// <summary>Starts a new interval.</summary>
    public void Reset()
    {
        Array.Clear(_sums);
        Frames = 0;
    }
}
