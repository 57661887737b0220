using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AudioEdge.DatasetBuilder.Data;

/// <summary>
/// Hashes that are the same on every machine and every run (unlike string.GetHashCode, which .NET randomises per
/// process): the split and every per-example seed derive from them.
/// </summary>
internal static class StableHash
{
    /// <summary>SHA-256 of the UTF-8 text, lower-case hex.</summary>
    public static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A number in [0, 1) determined by the text.</summary>
    public static double Unit(string text)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
    }

    /// <summary>A seed for <see cref="Random"/> from the build seed and a job's key.</summary>
    public static int Seed(int seed, string key)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed.ToString(CultureInfo.InvariantCulture) + "\n" + key));
        return BinaryPrimitives.ReadInt32LittleEndian(hash) & int.MaxValue;
    }
}
