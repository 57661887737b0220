using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AudioEdge.Dsp.Serialization;

/// <summary>Reads .npy files of little-endian float32/float64 in C order (what numpy and <see cref="NpyWriter"/> write).</summary>
public static partial class NpyReader
{
    public static NpyArray ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static NpyArray Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[10];
        stream.ReadExactly(prefix);
        if (!prefix[..6].SequenceEqual(NpyWriter.Magic))
        {
            throw new InvalidDataException("Not a .npy file (bad magic).");
        }

        int headerLength = prefix[6] switch
        {
            1 => BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]),
            _ => throw new InvalidDataException($"Unsupported .npy version {prefix[6]}.{prefix[7]} (1.0 only)."),
        };

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        string header = Encoding.ASCII.GetString(headerBytes);

        string descr = DescrPattern().Match(header) is { Success: true } d ? d.Groups[1].Value : throw new InvalidDataException("The .npy header has no descr.");
        if (header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException("Fortran-ordered .npy arrays are not supported.");
        }

        Match shapeMatch = ShapePattern().Match(header);
        if (!shapeMatch.Success)
        {
            throw new InvalidDataException("The .npy header has no shape.");
        }

        int[] shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        long count = shape.Aggregate(1L, (product, dimension) => product * dimension);

        int width = descr switch
        {
            "<f4" => 4,
            "<f8" => 8,
            _ => throw new InvalidDataException($"Unsupported .npy element type {descr} (float32/float64 little-endian only)."),
        };

        if (stream.CanSeek && stream.Length - stream.Position < count * width)
        {
            throw new InvalidDataException($"The .npy data is truncated: {count} elements declared.");
        }

        var raw = new byte[count * width];
        stream.ReadExactly(raw);
        var data = new double[count];
        for (long i = 0; i < count; i++)
        {
            data[i] = width == 4
                ? BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan((int)(i * 4)))
                : BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan((int)(i * 8)));
        }

        return new NpyArray(shape, data, descr);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
