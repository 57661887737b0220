using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AudioEdge.Telemetry;

/// <summary>
/// A <see cref="Random"/> whose every draw comes from the operating system's cryptographic generator. Differential
/// privacy assumes the noise is unpredictable to the observer; a seeded pseudo-random generator whose state can be
/// inferred from earlier reports would let noise be subtracted. Tests inject a seeded <see cref="Random"/> instead.
/// </summary>
public sealed class CryptographicRandom : Random
{
    /// <summary>A shared instance (stateless; thread-safe).</summary>
    public static CryptographicRandom Instance { get; } = new();

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public override double NextDouble()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return (BinaryPrimitives.ReadUInt64LittleEndian(bytes) >> 11) * (1.0 / (1UL << 53));
    }

    /// <inheritdoc />
    protected override double Sample() => NextDouble();

    /// <inheritdoc />
    public override int Next() => RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <inheritdoc />
    public override int Next(int maxValue) => Next(0, maxValue);

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue == maxValue ? minValue : RandomNumberGenerator.GetInt32(minValue, maxValue);
    }

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
