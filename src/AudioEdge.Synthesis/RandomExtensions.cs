namespace AudioEdge.Synthesis;

/// <summary>Draws used throughout synthesis. All randomness flows from a caller's <see cref="Random"/>, so a seed reproduces a sound.</summary>
internal static class RandomExtensions
{
    public static double Uniform(this Random random, double min, double max) => min + ((max - min) * random.NextDouble());

    /// <summary>Standard normal (Box–Muller; one of the pair is discarded, which keeps the stream stateless).</summary>
    public static double Gaussian(this Random random)
    {
        double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        return radius * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary><paramref name="nominal"/> scaled by a uniform factor in [1 - fraction, 1 + fraction].</summary>
    public static double Jitter(this Random random, double nominal, double fraction) => nominal * (1 + random.Uniform(-fraction, fraction));

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
