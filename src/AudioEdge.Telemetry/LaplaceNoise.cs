namespace AudioEdge.Telemetry;

/// <summary>Draws from the Laplace distribution, the noise of the Laplace mechanism of differential privacy.</summary>
public static class LaplaceNoise
{
    /// <summary>
    /// One draw from Laplace(0, <paramref name="scale"/>): density exp(-|x|/b)/(2b), mean 0, mean |x| = b,
    /// variance 2b². Drawn as b·(E₁ − E₂) with E₁, E₂ standard exponential, which has no edge case at the ends of
    /// the uniform range (the inverse-CDF form hits ln 0 when the uniform draw is exactly ±½).
    /// </summary>
    /// <param name="random">The source of uniform draws; <see cref="CryptographicRandom"/> in production.</param>
    /// <param name="scale">b &gt; 0: the mechanism's sensitivity divided by epsilon.</param>
    public static double Sample(Random random, double scale)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The Laplace scale must be positive and finite.");
        }

        return scale * (StandardExponential(random) - StandardExponential(random));
    }

    // NextDouble is in [0, 1), so 1 - u is in (0, 1] and the logarithm is finite.
    private static double StandardExponential(Random random) => -Math.Log(1.0 - random.NextDouble());
}
