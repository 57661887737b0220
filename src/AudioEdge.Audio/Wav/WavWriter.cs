using System.Buffers.Binary;

namespace AudioEdge.Audio.Wav;

/// <summary>Writes mono WAV files (16-bit PCM or 32-bit float), streaming, for recordings, fixtures and tools.</summary>
/// <remarks>
/// The header is written first with the data size 0xFFFFFFFF ("unknown") and patched on <see cref="Dispose"/>
/// when the stream can seek. A recording cut short by a crash, or written to a pipe, therefore still opens in
/// <see cref="WavReader"/> (and most other readers) as "read to the end of the file".
/// </remarks>
public sealed class WavWriter : IDisposable
{
    private const int PcmHeaderSize = 44;
    private const int FloatHeaderSize = 58;
    private const uint UnknownSize = 0xFFFF_FFFF;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _headerStart;
    private readonly int _headerSize;
    private readonly int _bytesPerSample;
    private readonly byte[] _scratch = new byte[8192];
    private long _samplesWritten;
    private bool _disposed;

    /// <summary>Starts a mono WAV file on <paramref name="stream"/> and writes its header.</summary>
    public WavWriter(Stream stream, int sampleRate, WavOutputFormat format = WavOutputFormat.Pcm16, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream must be writable.", nameof(stream));
        }

        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown WAV output format.");
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        Format = format;
        SampleRate = sampleRate;
        _headerStart = stream.CanSeek ? stream.Position : 0;
        _headerSize = format == WavOutputFormat.Pcm16 ? PcmHeaderSize : FloatHeaderSize;
        _bytesPerSample = format == WavOutputFormat.Pcm16 ? 2 : 4;
        WriteHeader(UnknownSize, UnknownSize, UnknownSize);
    }

    /// <summary>The sample coding being written.</summary>
    public WavOutputFormat Format { get; }

    /// <summary>Samples per second written in the header.</summary>
    public int SampleRate { get; }

    /// <summary>Samples written so far.</summary>
    public long SamplesWritten => _samplesWritten;

    /// <summary>Writes a mono WAV file in one call.</summary>
    public static void WriteFile(string path, ReadOnlySpan<float> samples, int sampleRate, WavOutputFormat format = WavOutputFormat.Pcm16)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var writer = new WavWriter(stream, sampleRate, format);
        writer.Write(samples);
    }

    /// <summary>Encodes a mono WAV file into a byte array.</summary>
    public static byte[] ToBytes(ReadOnlySpan<float> samples, int sampleRate, WavOutputFormat format = WavOutputFormat.Pcm16)
    {
        using var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, sampleRate, format, leaveOpen: true))
        {
            writer.Write(samples);
        }

        return stream.ToArray();
    }

    /// <summary>Appends samples. PCM clips to [-1, 1) and maps NaN to 0; float is written unchanged.</summary>
    /// <exception cref="IOException">The file would exceed the 4 GiB a RIFF size field can describe.</exception>
    public void Write(ReadOnlySpan<float> samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long dataBytes = (_samplesWritten + samples.Length) * _bytesPerSample;
        if (dataBytes > uint.MaxValue - _headerSize)
        {
            throw new IOException("A WAV file cannot hold more than 4 GiB of audio.");
        }

        int perBlock = _scratch.Length / _bytesPerSample;
        while (!samples.IsEmpty)
        {
            int count = Math.Min(perBlock, samples.Length);
            Span<byte> block = _scratch.AsSpan(0, count * _bytesPerSample);
            for (int i = 0; i < count; i++)
            {
                if (Format == WavOutputFormat.Pcm16)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(block[(2 * i)..], ToPcm16(samples[i]));
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(block[(4 * i)..], samples[i]);
                }
            }

            _stream.Write(block);
            samples = samples[count..];
            _samplesWritten += count;
        }
    }

    /// <summary>Patches the sizes into the header (when the stream can seek) and closes the stream unless told to leave it open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_stream.CanSeek)
            {
                long end = _stream.Position;
                uint dataBytes = (uint)(_samplesWritten * _bytesPerSample);
                _stream.Position = _headerStart;
                WriteHeader((uint)(_headerSize - 8 + dataBytes), dataBytes, (uint)_samplesWritten);
                _stream.Position = end;
            }

            _stream.Flush();
        }
        finally
        {
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private static short ToPcm16(float sample)
    {
        // Scale by 32768 (not 32767) so that decoding with the usual 1/32768 returns the same value.
        float scaled = MathF.Round(sample * 32768f);
        return float.IsNaN(scaled) ? (short)0 : (short)Math.Clamp(scaled, short.MinValue, short.MaxValue);
    }

    private void WriteHeader(uint riffSize, uint dataSize, uint sampleCount)
    {
        Span<byte> header = stackalloc byte[FloatHeaderSize];
        header = header[.._headerSize];
        bool pcm = Format == WavOutputFormat.Pcm16;
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], riffSize);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], pcm ? 16u : 18u);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], (ushort)(pcm ? WavFormatTags.Pcm : WavFormatTags.IeeeFloat));
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)((long)SampleRate * _bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)_bytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], (ushort)(_bytesPerSample * 8));
        int offset = 36;
        if (!pcm)
        {
            // Non-PCM formats carry cbSize and, per the RIFF spec, a fact chunk with the sample count.
            BinaryPrimitives.WriteUInt16LittleEndian(header[36..], 0);
            "fact"u8.CopyTo(header[38..]);
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(header[46..], sampleCount);
            offset = 50;
        }

        "data"u8.CopyTo(header[offset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(offset + 4)..], dataSize);
        _stream.Write(header);
    }
}
