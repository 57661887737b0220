using System.Buffers.Binary;
using System.Text;

namespace AudioEdge.Audio.Tests.Support;

/// <summary>
/// Test-side WAV writer, independent of the product code, that can produce every variant the decoder must read
/// (and many it must reject): any coding, container and valid-bit width, extensible headers, extra and odd-sized
/// chunks, wrong sizes, any chunk order. Files are assembled from chunks so a test states exactly what it builds.
/// </summary>
internal static class TestWav
{
    public const int Pcm = 1;
    public const int IeeeFloat = 3;
    public const int Extensible = 0xFFFE;

    /// <summary>A RIFF/WAVE file from chunks; the RIFF size is right unless overridden.</summary>
    public static byte[] Riff(params TestChunk[] chunks) => Riff(null, chunks);

    public static byte[] Riff(uint? riffSize, params TestChunk[] chunks)
    {
        var body = new MemoryStream();
        body.Write("WAVE"u8);
        foreach (TestChunk chunk in chunks)
        {
            chunk.WriteTo(body);
        }

        var file = new MemoryStream();
        file.Write("RIFF"u8);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, riffSize ?? (uint)body.Length);
        file.Write(size);
        body.Position = 0;
        body.CopyTo(file);
        return file.ToArray();
    }

    /// <summary>A classic fmt chunk (16 bytes, or 18 with cbSize when <paramref name="withCbSize"/>).</summary>
    public static TestChunk Fmt(
        int tag, int channels, int sampleRate, int bitsPerSample, int? blockAlign = null, uint? byteRate = null, bool withCbSize = false)
    {
        int align = blockAlign ?? (channels * ((bitsPerSample + 7) / 8));
        var body = new byte[withCbSize ? 18 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(body, (ushort)tag);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), byteRate ?? (uint)(sampleRate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)bitsPerSample);
        return new TestChunk("fmt ", body);
    }

    /// <summary>A WAVE_FORMAT_EXTENSIBLE fmt chunk (40 bytes) with a KSDATAFORMAT sub-format GUID.</summary>
    public static TestChunk FmtExtensible(
        int subFormatTag, int channels, int sampleRate, int containerBits, int validBits, uint channelMask = 0, byte[]? guidTail = null)
    {
        int align = channels * containerBits / 8;
        var body = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(body, Extensible);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(sampleRate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)containerBits);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(20), channelMask);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(24), (ushort)subFormatTag);
        (guidTail ?? [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]).CopyTo(body.AsSpan(26));
        return new TestChunk("fmt ", body);
    }

    public static TestChunk Data(byte[] samples, uint? declaredSize = null, bool pad = true) => new("data", samples, declaredSize, pad);

    public static TestChunk Chunk(string id, int length, byte fill = 0x55, bool pad = true) =>
        new(id, Enumerable.Repeat(fill, length).ToArray(), null, pad);

    /// <summary>A LIST/INFO chunk as editors write it (odd-length strings make the pad byte matter).</summary>
    public static TestChunk ListInfo(string title)
    {
        var body = new MemoryStream();
        body.Write("INFO"u8);
        body.Write("INAM"u8);
        byte[] text = Encoding.ASCII.GetBytes(title + "\0");
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)text.Length);
        body.Write(size);
        body.Write(text);
        if (text.Length % 2 == 1)
        {
            body.WriteByte(0);
        }

        return new TestChunk("LIST", body.ToArray());
    }

    /// <summary>
    /// Per-channel test signals: distinct frequencies and phases so that a swapped, dropped or mis-weighted
    /// channel changes the mono mix by far more than the quantisation step.
    /// </summary>
    public static double[][] Signals(int channels, int frames, int sampleRate, double amplitude = 0.8)
    {
        var signals = new double[channels][];
        for (int c = 0; c < channels; c++)
        {
            signals[c] = new double[frames];
            double frequency = 220 + (170 * c);
            for (int i = 0; i < frames; i++)
            {
                signals[c][i] = amplitude * Math.Sin((2 * Math.PI * frequency * i / sampleRate) + c);
            }
        }

        return signals;
    }

    /// <summary>The mono mix the decoder should return: the plain average of the channels.</summary>
    public static double[] Mix(double[][] signals)
    {
        var mix = new double[signals[0].Length];
        foreach (double[] channel in signals)
        {
            for (int i = 0; i < mix.Length; i++)
            {
                mix[i] += channel[i] / signals.Length;
            }
        }

        return mix;
    }

    /// <summary>
    /// Interleaves and codes samples. Integers are rounded to <paramref name="validBits"/> and left-justified in a
    /// <paramref name="containerBits"/> container, as the WAVE spec prescribes; 8-bit is unsigned.
    /// </summary>
    public static byte[] Encode(double[][] signals, bool isFloat, int containerBits, int? validBits = null)
    {
        int bytes = containerBits / 8;
        int frames = signals[0].Length;
        var data = new byte[frames * signals.Length * bytes];
        int bits = validBits ?? containerBits;
        int offset = 0;
        for (int i = 0; i < frames; i++)
        {
            foreach (double[] channel in signals)
            {
                Span<byte> slot = data.AsSpan(offset, bytes);
                double x = channel[i];
                if (isFloat && bytes == 4)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(slot, (float)x);
                }
                else if (isFloat)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(slot, x);
                }
                else
                {
                    long max = (1L << (bits - 1)) - 1;
                    long q = Math.Clamp((long)Math.Round(x * (1L << (bits - 1))), -max - 1, max) << (containerBits - bits);
                    if (bytes == 1)
                    {
                        slot[0] = (byte)(q + 128);
                    }
                    else
                    {
                        for (int b = 0; b < bytes; b++)
                        {
                            slot[b] = (byte)(q >> (8 * b));
                        }
                    }
                }

                offset += bytes;
            }
        }

        return data;
    }

    /// <summary>A plain 16-bit PCM file with the given samples (the workhorse of the malformed-input tests).</summary>
    public static byte[] Pcm16Mono(int frames = 64, int sampleRate = 16_000) =>
        Riff(Fmt(Pcm, 1, sampleRate, 16), Data(Encode(Signals(1, frames, sampleRate), false, 16)));
}
