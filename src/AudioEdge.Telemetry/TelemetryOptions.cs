using System.Globalization;

namespace AudioEdge.Telemetry;

/// <summary>
/// The <c>Telemetry</c> configuration section. Settable properties so that the host can bind them;
/// <see cref="Validate"/> reports every problem at once.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>Shortest accepted <see cref="IntervalSeconds"/>.</summary>
    public const int MinIntervalSeconds = 30;

    /// <summary>Longest accepted <see cref="IntervalSeconds"/> (one day).</summary>
    public const int MaxIntervalSeconds = 86_400;

    /// <summary>Smallest accepted <see cref="Epsilon"/>.</summary>
    public const double MinEpsilon = 0.01;

    /// <summary>Largest accepted <see cref="Epsilon"/>.</summary>
    public const double MaxEpsilon = 10;

    /// <summary>Publish a report every <see cref="IntervalSeconds"/> (default on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between reports, 30..86400 (default 300 = 5 minutes).</summary>
    public int IntervalSeconds { get; set; } = 300;

    /// <summary>
    /// Differential-privacy parameter of each report's spectral profile, 0.01..10 (default 1.0): any 1 s of audio
    /// changes the probability of a released profile by at most a factor e^ε per report (a sound of k seconds: k·ε).
    /// Smaller is more private and noisier: the Laplace scale is b = 8·R·100/(n·ε) per band, ≈ 0.91 nats at the
    /// defaults (n = 30000 frames, ε = 1). See <see cref="PrivateSpectralProfile"/> for the details.
    /// </summary>
    public double Epsilon { get; set; } = 1.0;

    /// <summary>Include the noisy 8-band spectral profile in reports (default on). Off: <c>spectral_profile</c> is always null.</summary>
    public bool SpectralProfileEnabled { get; set; } = true;

    /// <summary>Every problem, one line each naming the configuration key; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (IntervalSeconds is < MinIntervalSeconds or > MaxIntervalSeconds)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"Telemetry:IntervalSeconds must be {MinIntervalSeconds}..{MaxIntervalSeconds} (was {IntervalSeconds})."));
        }

        // Written so that NaN fails too.
        if (!(Epsilon >= MinEpsilon && Epsilon <= MaxEpsilon))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"Telemetry:Epsilon must be {MinEpsilon}..{MaxEpsilon} (was {Epsilon})."));
        }

        return problems;
    }
}
