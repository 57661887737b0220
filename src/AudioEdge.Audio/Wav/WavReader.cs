using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace AudioEdge.Audio.Wav;

/// <summary>
/// Streaming RIFF/WAVE decoder: parses the header on construction, then hands out the audio as mono float frames
/// (channels averaged) at the file's own rate, a block at a time, in constant memory.
/// </summary>
/// <remarks>
/// <para>
/// Supported: PCM 8-bit unsigned and 9..32-bit signed (16/24/32 the usual ones), IEEE float 32/64-bit, and
/// WAVE_FORMAT_EXTENSIBLE with a PCM or IEEE-float sub-format (valid bits inside a wider container); 1..32
/// channels; 1 000..768 000 Hz. Chunks may come in any order and any number (LIST, fact, JUNK, bext, …) as long
/// as fmt precedes data; odd-sized chunks are followed by their pad byte (or, leniently, by none).
/// </para>
/// <para>
/// Robustness: everything read from the file is validated before use, and no allocation is ever sized from the
/// file (the reader owns one fixed 64 KiB buffer). Content that cannot be decoded raises
/// <see cref="InvalidAudioFileException"/> and nothing else. Damage that leaves the audio usable is tolerated
/// and reported in <see cref="Warnings"/>: a data chunk that claims more bytes than the file has (a recorder
/// killed mid-write), a data size of 0 or 0xFFFFFFFF left by a streaming writer (read to end of file), a
/// trailing partial frame, a missing block align, non-finite or out-of-range float samples (zeroed or clipped,
/// so nothing downstream sees NaN).
/// </para>
/// <para>The position of the underlying stream after reading is unspecified (the reader reads ahead).</para>
/// </remarks>
public sealed class WavReader : IDisposable
{
    /// <summary>Most channels accepted; more is almost surely a corrupt header.</summary>
    public const int MaxChannels = 32;

    /// <summary>Lowest accepted sample rate in Hz.</summary>
    public const int MinSampleRate = 1_000;

    /// <summary>Highest accepted sample rate in Hz.</summary>
    public const int MaxSampleRate = 768_000;

    // Chunks always move forward (≥ 8 bytes each) so the walk terminates; the cap just bounds the work a
    // hostile file of millions of empty chunks could cause.
    private const int MaxChunksBeforeData = 4096;
    private const int BufferSize = 64 * 1024;
    private const int ExtensibleFmtSize = 40;
    private const uint UnknownDataSize = 0xFFFF_FFFF;

    // Bytes 2..15 of KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT ({0000xxxx-0000-0010-8000-00AA00389B71});
    // the first two bytes are the classic format tag.
    private static ReadOnlySpan<byte> SubFormatGuidTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly List<string> _warnings = [];
    private readonly int _blockAlign;
    private readonly int _bytesPerSample;
    private readonly bool _isFloat;
    private readonly long _declaredDataBytes;

    private int _bufferOffset;
    private int _bufferCount;
    private long _position;
    private long _dataBytesLeft;
    private long _framesRead;
    private long _nonFiniteSamples;
    private long _clippedSamples;
    private bool _endOfStream;
    private bool _finished;
    private bool _disposed;

    /// <summary>Parses the RIFF header of <paramref name="stream"/> up to the start of the audio.</summary>
    /// <param name="stream">A readable stream positioned at the start of the file; need not be seekable.</param>
    /// <param name="leaveOpen">Keep the stream open when the reader is disposed (or fails to construct).</param>
    /// <exception cref="InvalidAudioFileException">The header is not a supported, intact WAV header.</exception>
    public WavReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        try
        {
            ReadRiffHeader();
            (Format, uint dataSize) = ReadChunksUpToData();
            _blockAlign = Format.BlockAlign;
            _bytesPerSample = Format.BlockAlign / Format.Channels;
            _isFloat = Format.Encoding == WavSampleEncoding.IeeeFloat;
            _declaredDataBytes = InterpretDataSize(dataSize);
            _dataBytesLeft = _declaredDataBytes < 0 ? long.MaxValue : _declaredDataBytes;
            _finished = _dataBytesLeft == 0;
        }
        catch
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }

            throw;
        }
    }

    /// <summary>The validated format of the file.</summary>
    public WavFormat Format { get; }

    /// <summary>Frames the data chunk declares, or null when its size is unknown (0/0xFFFFFFFF from a streaming writer).</summary>
    public long? DeclaredFrameCount => _declaredDataBytes < 0 ? null : _declaredDataBytes / _blockAlign;

    /// <summary>Frames handed out so far.</summary>
    public long FramesRead => _framesRead;

    /// <summary>True once the end of the audio was reached; <see cref="Warnings"/> is complete from then on.</summary>
    public bool IsFinished => _finished;

    /// <summary>Problems that were worked around, one line each (header issues now, data issues once finished).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Opens a file for streaming decode.</summary>
    /// <exception cref="InvalidAudioFileException">The file is not a supported WAV file; the message starts with the path.</exception>
    public static WavReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // bufferSize 1 disables FileStream's own buffer: the reader already reads in 64 KiB blocks.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            return new WavReader(stream);
        }
        catch (InvalidAudioFileException e)
        {
            throw new InvalidAudioFileException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Decodes up to <paramref name="destination"/>.Length frames, each the average of its channels, and returns
    /// how many were written; 0 means the end of the audio. Does not allocate.
    /// </summary>
    public int ReadMono(Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int frames = 0;
        while (frames < destination.Length && !_finished)
        {
            long framesLeft = _dataBytesLeft / _blockAlign;
            int available = EnsureBuffered(_blockAlign);
            if (framesLeft == 0 || available < _blockAlign)
            {
                Finish();
                break;
            }

            int count = (int)Math.Min(Math.Min(available / _blockAlign, destination.Length - frames), framesLeft);
            int bytes = count * _blockAlign;
            Convert(_buffer.AsSpan(_bufferOffset, bytes), destination.Slice(frames, count));
            Consume(bytes);
            if (_declaredDataBytes >= 0)
            {
                _dataBytesLeft -= bytes;
            }

            frames += count;
            _framesRead += count;
        }

        return frames;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>A frame count to pre-size a buffer with: never more than the bytes actually left in a seekable stream.</summary>
    internal long EstimateRemainingFrames()
    {
        long declared = _declaredDataBytes < 0 ? long.MaxValue : _dataBytesLeft;
        if (!_stream.CanSeek)
        {
            // A declared size cannot be checked against a pipe: don't trust it.
            return 0;
        }

        long present = _stream.Length - _stream.Position + (_bufferCount - _bufferOffset);
        return Math.Max(0, Math.Min(declared, present)) / _blockAlign;
    }

    private void ReadRiffHeader()
    {
        int available = EnsureBuffered(12);
        if (available == 0)
        {
            throw Invalid("the file is empty");
        }

        ReadOnlySpan<byte> head = _buffer.AsSpan(_bufferOffset, available);
        if (available >= 4 && !head[..4].SequenceEqual("RIFF"u8))
        {
            if (head[..4].SequenceEqual("RIFX"u8))
            {
                throw Invalid("big-endian RIFX files are not supported");
            }

            if (head[..4].SequenceEqual("RF64"u8) || head[..4].SequenceEqual("BW64"u8))
            {
                throw Invalid("RF64/BW64 (64-bit WAV) files are not supported");
            }

            throw Invalid($"not a RIFF file (starts with {Hex(head[..4])})");
        }

        if (available < 12)
        {
            throw Invalid($"the file is too short to be a WAV file ({available} bytes)");
        }

        if (!head[8..12].SequenceEqual("WAVE"u8))
        {
            throw Invalid($"a RIFF file of type '{FourCc(head[8..12])}', not WAVE");
        }

        Consume(12);
    }

    private (WavFormat Format, uint DataSize) ReadChunksUpToData()
    {
        WavFormat? format = null;
        int chunks = 0;
        while (true)
        {
            long offset = _position;
            int available = EnsureBuffered(8);
            if (available < 8)
            {
                string where = available == 0 ? string.Empty : $" (the file ends inside a chunk header at offset {offset})";
                throw Invalid(format is null ? $"no fmt chunk{where}" : $"no data chunk{where}");
            }

            if (++chunks > MaxChunksBeforeData)
            {
                throw Invalid($"more than {MaxChunksBeforeData} chunks before the data chunk");
            }

            ReadOnlySpan<byte> header = _buffer.AsSpan(_bufferOffset, 8);
            if (!IsPlausibleChunkId(header[..4]))
            {
                throw Invalid($"corrupt chunk header at offset {offset} (id bytes {Hex(header[..4])})");
            }

            string id = FourCc(header[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            Consume(8);

            switch (id)
            {
                case "data" when format is null:
                    throw Invalid("the data chunk comes before the fmt chunk");

                case "data":
                    return (format, size);

                case "fmt " when format is not null:
                    _warnings.Add($"ignored a second fmt chunk at offset {offset}");
                    SkipChunkBody(id, offset, size, 0, format);
                    break;

                case "fmt ":
                    if (size < 16)
                    {
                        throw Invalid($"the fmt chunk is too short ({size} bytes; at least 16 needed)");
                    }

                    int wanted = (int)Math.Min(size, ExtensibleFmtSize);
                    int got = EnsureBuffered(wanted);
                    if (got < wanted)
                    {
                        throw Invalid($"the fmt chunk is truncated (it declares {size} bytes, the file ends after {got})");
                    }

                    format = ParseFormat(_buffer.AsSpan(_bufferOffset, wanted));
                    Consume(wanted);
                    SkipChunkBody(id, offset, size, wanted, format);
                    break;

                default:
                    SkipChunkBody(id, offset, size, 0, format);
                    break;
            }
        }
    }

    private void SkipChunkBody(string id, long offset, uint size, int alreadyRead, WavFormat? format)
    {
        long rest = (long)size - alreadyRead;
        if (Skip(rest) < rest)
        {
            throw Invalid(
                $"no {(format is null ? "fmt" : "data")} chunk (the file ends inside the '{id.TrimEnd()}' chunk at offset {offset}, which declares {size} bytes)");
        }

        if ((size & 1) == 0)
        {
            return;
        }

        // RIFF pads odd chunks to an even length, but some writers forget the pad byte. If the bytes right here
        // already form a chunk id and the ones after a pad byte would not, the pad is missing: don't skip it.
        int available = EnsureBuffered(5);
        ReadOnlySpan<byte> next = _buffer.AsSpan(_bufferOffset, available);
        if (available >= 5 && IsPlausibleChunkId(next[..4]) && !IsPlausibleChunkId(next[1..5]))
        {
            _warnings.Add($"the '{id.TrimEnd()}' chunk at offset {offset} has an odd size ({size}) but no pad byte");
            return;
        }

        Skip(1);
    }

    private WavFormat ParseFormat(ReadOnlySpan<byte> fmt)
    {
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        uint byteRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[8..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        int sampleTag = tag;
        int validBits = bits;
        uint channelMask = 0;

        if (tag == WavFormatTags.Extensible)
        {
            if (fmt.Length < ExtensibleFmtSize)
            {
                throw Invalid($"the WAVE_FORMAT_EXTENSIBLE fmt chunk is too short ({fmt.Length} bytes; {ExtensibleFmtSize} needed)");
            }

            validBits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]);
            channelMask = BinaryPrimitives.ReadUInt32LittleEndian(fmt[20..]);
            ReadOnlySpan<byte> subFormat = fmt[24..40];
            if (!subFormat[2..].SequenceEqual(SubFormatGuidTail))
            {
                throw Invalid($"unsupported WAVE_FORMAT_EXTENSIBLE sub-format {{{new Guid(subFormat)}}}");
            }

            sampleTag = BinaryPrimitives.ReadUInt16LittleEndian(subFormat);
            if (sampleTag is not (WavFormatTags.Pcm or WavFormatTags.IeeeFloat))
            {
                throw Invalid($"unsupported WAVE_FORMAT_EXTENSIBLE sub-format 0x{sampleTag:X4} ({WavFormatTags.Describe(sampleTag)})");
            }
        }
        else if (tag is not (WavFormatTags.Pcm or WavFormatTags.IeeeFloat))
        {
            throw Invalid($"unsupported format tag 0x{tag:X4} ({WavFormatTags.Describe(tag)})");
        }

        if (channels == 0)
        {
            throw Invalid("the fmt chunk declares 0 channels");
        }

        if (channels > MaxChannels)
        {
            throw Invalid($"{channels} channels are not supported (at most {MaxChannels})");
        }

        if (sampleRate is < MinSampleRate or > MaxSampleRate)
        {
            throw Invalid($"the sample rate {sampleRate} Hz is outside the supported range {MinSampleRate}..{MaxSampleRate} Hz");
        }

        bool extensible = tag == WavFormatTags.Extensible;
        int containerBytes;
        WavSampleEncoding encoding;
        if (sampleTag == WavFormatTags.Pcm)
        {
            encoding = WavSampleEncoding.Pcm;
            if (bits is 0 or > 32)
            {
                throw Invalid($"{bits}-bit PCM is not supported (1 to 32 bits)");
            }

            if (extensible)
            {
                // In an extensible header wBitsPerSample is the container and must be whole bytes.
                if (bits % 8 != 0)
                {
                    throw Invalid($"the extensible PCM container of {bits} bits is not a whole number of bytes");
                }

                validBits = validBits == 0 ? bits : validBits;
                if (validBits > bits)
                {
                    throw Invalid($"{validBits} valid bits per sample do not fit the {bits}-bit container");
                }
            }
            else
            {
                validBits = bits;
            }

            containerBytes = (bits + 7) / 8;
        }
        else
        {
            encoding = WavSampleEncoding.IeeeFloat;
            if (bits is not (32 or 64))
            {
                throw Invalid($"{bits}-bit IEEE float is not supported (32 or 64 bits)");
            }

            containerBytes = bits / 8;
            validBits = bits;
        }

        int expectedAlign = channels * containerBytes;
        if (blockAlign != expectedAlign)
        {
            if (blockAlign != 0)
            {
                throw Invalid($"the block align {blockAlign} does not match {channels} channel(s) × {containerBytes} byte(s) per sample");
            }

            _warnings.Add($"the fmt block align is 0; using {expectedAlign} ({channels} channel(s) × {containerBytes} byte(s))");
        }

        if (byteRate != (long)sampleRate * expectedAlign)
        {
            _warnings.Add($"the fmt byte rate {byteRate} does not match {sampleRate} Hz × {expectedAlign} bytes; ignored");
        }

        return new WavFormat
        {
            FormatTag = tag,
            Encoding = encoding,
            Channels = channels,
            SampleRate = (int)sampleRate,
            BitsPerSample = containerBytes * 8,
            ValidBitsPerSample = validBits,
            BlockAlign = expectedAlign,
            ChannelMask = channelMask,
        };
    }

    /// <summary>Declared data bytes, or −1 for "unknown, read to end of file".</summary>
    private long InterpretDataSize(uint size)
    {
        if (size == UnknownDataSize)
        {
            _warnings.Add("the data chunk size is 0xFFFFFFFF (unfinished or streaming writer); reading to the end of the file");
            return RequireOneFrame(-1);
        }

        if (size == 0)
        {
            // Either a genuinely empty data chunk (end of file or another chunk follows) or a streaming writer
            // that never came back to patch the size (audio follows).
            int available = EnsureBuffered(8);
            if (available == 0 || (available >= 8 && IsPlausibleChunkId(_buffer.AsSpan(_bufferOffset, 4))))
            {
                _warnings.Add("the data chunk is empty");
                return 0;
            }

            _warnings.Add("the data chunk size is 0 (unfinished or streaming writer); reading to the end of the file");
            return RequireOneFrame(-1);
        }

        if (size < _blockAlign)
        {
            _warnings.Add($"the data chunk ({size} bytes) is shorter than one {_blockAlign}-byte frame");
            return 0;
        }

        return RequireOneFrame(size);
    }

    private long RequireOneFrame(long declared)
    {
        // A data chunk that promises audio but holds not even one frame is a truncated file, not a silent one.
        int available = EnsureBuffered(_blockAlign);
        if (available < _blockAlign)
        {
            throw Invalid(declared < 0
                ? $"the data chunk holds no complete sample frame ({available} bytes)"
                : $"the data chunk is truncated (it declares {declared} bytes, the file ends after {available})");
        }

        return declared;
    }

    private void Finish()
    {
        _finished = true;
        int partial = Math.Min(_bufferCount - _bufferOffset, (int)Math.Min(_dataBytesLeft, _blockAlign));
        if (_declaredDataBytes >= 0 && _dataBytesLeft >= _blockAlign)
        {
            long present = _declaredDataBytes - _dataBytesLeft + partial;
            _warnings.Add(
                $"the data chunk declares {_declaredDataBytes} bytes but the file ends after {present} (truncated recording?); decoded the {_framesRead} complete frames");
        }
        else if (partial > 0)
        {
            _warnings.Add($"ignored {partial} trailing data byte(s) that do not make a whole {_blockAlign}-byte frame");
        }

        if (_nonFiniteSamples > 0)
        {
            _warnings.Add($"replaced {_nonFiniteSamples} NaN or infinite float sample(s) with 0");
        }

        if (_clippedSamples > 0)
        {
            _warnings.Add($"clipped {_clippedSamples} float sample(s) outside [-1, 1]");
        }
    }

    /// <summary>Converts whole frames to mono; one tight loop per sample coding.</summary>
    private void Convert(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int channels = Format.Channels;
        float scale = 1f / channels;
        int step = _bytesPerSample;
        int index = 0;
        for (int frame = 0; frame < destination.Length; frame++)
        {
            float sum = 0;
            for (int channel = 0; channel < channels; channel++, index += step)
            {
                sum += ReadSample(source, index);
            }

            destination[frame] = sum * scale;
        }
    }

    private float ReadSample(ReadOnlySpan<byte> source, int index)
    {
        if (_isFloat)
        {
            double value = _bytesPerSample == 4
                ? BinaryPrimitives.ReadSingleLittleEndian(source[index..])
                : BinaryPrimitives.ReadDoubleLittleEndian(source[index..]);
            return Sanitize(value);
        }

        // Integer PCM is left-justified in its container, so the container width alone sets the scale.
        return _bytesPerSample switch
        {
            1 => (source[index] - 128) * (1f / 128),
            2 => BinaryPrimitives.ReadInt16LittleEndian(source[index..]) * (1f / 32768),
            3 => (source[index] | (source[index + 1] << 8) | ((sbyte)source[index + 2] << 16)) * (1f / 8388608),
            _ => (float)(BinaryPrimitives.ReadInt32LittleEndian(source[index..]) * (1.0 / 2147483648)),
        };
    }

    private float Sanitize(double value)
    {
        if (!double.IsFinite(value))
        {
            _nonFiniteSamples++;
            return 0;
        }

        if (Math.Abs(value) > 1)
        {
            _clippedSamples++;
            return value > 0 ? 1 : -1;
        }

        return (float)value;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available unless the stream ends; returns how many are.</summary>
    private int EnsureBuffered(int count)
    {
        int available = _bufferCount - _bufferOffset;
        if (available >= count || _endOfStream)
        {
            return available;
        }

        _buffer.AsSpan(_bufferOffset, available).CopyTo(_buffer);
        _bufferOffset = 0;
        _bufferCount = available;
        while (_bufferCount < count)
        {
            int read = _stream.Read(_buffer, _bufferCount, _buffer.Length - _bufferCount);
            if (read <= 0)
            {
                _endOfStream = true;
                break;
            }

            _bufferCount += read;
        }

        return _bufferCount;
    }

    private void Consume(int count)
    {
        _bufferOffset += count;
        _position += count;
    }

    /// <summary>Skips <paramref name="count"/> bytes; returns how many could be skipped before the end of the stream.</summary>
    private long Skip(long count)
    {
        int fromBuffer = (int)Math.Min(count, _bufferCount - _bufferOffset);
        Consume(fromBuffer);
        long skipped = fromBuffer;
        if (skipped == count || _endOfStream)
        {
            return skipped;
        }

        if (_stream.CanSeek)
        {
            long step = Math.Min(count - skipped, Math.Max(0, _stream.Length - _stream.Position));
            _stream.Seek(step, SeekOrigin.Current);
            _position += step;
            return skipped + step;
        }

        while (skipped < count)
        {
            int available = EnsureBuffered(1);
            if (available == 0)
            {
                break;
            }

            int take = (int)Math.Min(count - skipped, available);
            Consume(take);
            skipped += take;
        }

        return skipped;
    }

    private static bool IsPlausibleChunkId(ReadOnlySpan<byte> id)
    {
        // Registered ids are printable ASCII (letters, digits, space, the odd '_' or '-').
        foreach (byte b in id)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private static string FourCc(ReadOnlySpan<byte> id) =>
        IsPlausibleChunkId(id) ? Encoding.ASCII.GetString(id) : Hex(id);

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static InvalidAudioFileException Invalid(string problem) => new($"Invalid WAV file: {problem}.");
}
