using System.Globalization;

namespace AudioEdge.Synthesis;

/// <summary>A closed interval [<see cref="Min"/>, <see cref="Max"/>] that synthesis parameters are drawn from, uniformly.</summary>
/// <remarks>Min == Max fixes the parameter, which is how tests pin one aspect of a generator while the rest varies.</remarks>
public readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>A range holding exactly one value.</summary>
    public static ValueRange Exactly(double value) => new(value, value);

    /// <summary>The midpoint.</summary>
    public double Centre => (Min + Max) / 2;

    /// <summary>A uniform draw from the range (Min when the range is a single value).</summary>
    public double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Min + ((Max - Min) * random.NextDouble());
    }

    /// <summary>A uniform draw from the whole numbers in [floor(Min), floor(Max)].</summary>
    public int SampleInt(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int low = (int)Math.Floor(Min), high = (int)Math.Floor(Max);
        return random.Next(low, high + 1);
    }

    /// <summary>True when <paramref name="value"/> lies in the range (inclusive).</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Min:G6}, {Max:G6}]");

    /// <summary>
    /// Adds a line to <paramref name="errors"/> unless the range is finite, ordered and within [lower, upper].
    /// Shared by every options class so that their messages read alike.
    /// </summary>
    internal void Check(string name, double lower, double upper, List<string> errors)
    {
        if (!double.IsFinite(Min) || !double.IsFinite(Max))
        {
            errors.Add($"{name} {this} must be finite.");
        }
        else if (Min > Max)
        {
            errors.Add($"{name} {this} has Min above Max.");
        }
        else if (Min < lower || Max > upper)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {this} must lie within [{lower:G6}, {upper:G6}]."));
        }
    }
}
