using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace AudioEdge.Dsp.Serialization;

/// <summary>
/// Writes NumPy .npy files (format 1.0, little-endian float32, C order): the exchange format with the Python
/// training tools, which load features with a plain <c>np.load</c>.
/// </summary>
public static class NpyWriter
{
    // 0x93 then "NUMPY". (Not a u8 string literal: "\x93" there would be the UTF-8 encoding of U+0093, two bytes.)
    internal static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes <paramref name="data"/> with the given shape to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> data, params ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long elements = 1;
        foreach (int dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            elements *= dimension;
        }

        if (elements != data.Length)
        {
            throw new ArgumentException($"The shape holds {elements} elements but the data has {data.Length}.", nameof(shape));
        }

        stream.Write(Header("<f4", shape));
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data));
        }
        else
        {
            Span<byte> word = stackalloc byte[4];
            foreach (float value in data)
            {
                BinaryPrimitives.WriteSingleLittleEndian(word, value);
                stream.Write(word);
            }
        }
    }

    /// <summary>
    /// Writes the file atomically: to a temporary name beside it, then renamed over <paramref name="path"/>,
    /// so a crash or a full disk never leaves a half-written .npy behind.
    /// </summary>
    public static void WriteFile(string path, ReadOnlySpan<float> data, params ReadOnlySpan<int> shape)
    {
        string temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                Write(stream, data, shape);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    internal static byte[] Header(string descr, ReadOnlySpan<int> shape)
    {
        var dims = new StringBuilder();
        foreach (int dimension in shape)
        {
            dims.Append(dimension.ToString(CultureInfo.InvariantCulture)).Append(", ");
        }

        string shapeText = shape.Length == 1 ? $"({dims.ToString().TrimEnd()})" : $"({dims.ToString().TrimEnd(',', ' ')})";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";

        // Magic (6) + version (2) + header length (2) + dict + padding + '\n' must be a multiple of 64.
        int unpadded = Magic.Length + 4 + dict.Length + 1;
        int padding = (64 - (unpadded % 64)) % 64;
        string text = dict + new string(' ', padding) + "\n";

        var header = new byte[Magic.Length + 4 + text.Length];
        Magic.CopyTo(header);
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text, header.AsSpan(10));
        return header;
    }
}
