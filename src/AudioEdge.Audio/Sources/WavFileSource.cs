using AudioEdge.Audio.Resampling;
using AudioEdge.Audio.Wav;

namespace AudioEdge.Audio.Sources;

/// <summary>
/// Plays a WAV file through the <see cref="AudioSource"/> seam: decoded, downmixed to mono and resampled to
/// 16 kHz block by block, so any length of file runs in constant memory.
/// </summary>
/// <remarks>
/// <para>
/// The output is identical to <see cref="WavFile.ReadMono16k(string, WavDecoderOptions?)"/> for the same file,
/// whatever the read sizes, and sample n belongs to time n / 16 000 s of the file (the resampler's delay is
/// compensated), so detections carry correct file timestamps.
/// </para>
/// <para>
/// With real-time pacing a read blocks until the samples it returns would have been captured by a live device
/// (the first read starts the clock), which lets the daemon replay a recording "as if live". A paced read
/// returns at most one decoded block (≈ 90 ms), like a device period. Without pacing reads never block.
/// </para>
/// </remarks>
public sealed class WavFileSource : AudioFileSource
{
    // Source frames decoded per step: ~85 ms at 48 kHz, enough to amortise the call overhead, small enough
    // that a paced read hands out period-sized chunks.
    private const int BlockFrames = 4096;

    private readonly WavReader _reader;
    private readonly PolyphaseResampler _resampler;
    private readonly RealTimePacer? _pacer;
    private readonly float[] _decoded = new float[BlockFrames];
    private readonly float[] _resampled;
    private int _pendingOffset;
    private int _pendingCount;
    private long _delivered;
    private bool _flushed;

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <param name="path">The WAV file.</param>
    /// <param name="realTime">Pace reads to the sample rate, as a live device would deliver them.</param>
    /// <param name="timeProvider">Clock for pacing; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="InvalidAudioFileException">The file is not a supported WAV file; the message starts with the path.</exception>
    public WavFileSource(string path, bool realTime = false, TimeProvider? timeProvider = null)
        : this(WavReader.Open(path), $"wav:{Path.GetFileName(path)}", realTime, timeProvider)
    {
    }

    /// <summary>Plays WAV content from a stream (e.g. a file in memory); <paramref name="name"/> goes into <see cref="Description"/>.</summary>
    /// <exception cref="InvalidAudioFileException">The content is not a supported WAV file.</exception>
    public WavFileSource(Stream stream, string name, bool realTime = false, TimeProvider? timeProvider = null, bool leaveOpen = false)
        : this(new WavReader(stream, leaveOpen), $"wav:{name}", realTime, timeProvider)
    {
    }

    /// <summary>Plays an opened reader; it is disposed with the source, or here when the format cannot be played.</summary>
    internal WavFileSource(WavReader reader, string description, bool realTime, TimeProvider? timeProvider)
    {
        try
        {
            int rate = reader.Format.SampleRate;
            if (!PolyphaseResampler.IsSupported(rate, TargetSampleRate))
            {
                throw new InvalidAudioFileException(
                    $"Invalid WAV file: the sample rate {rate} Hz cannot be converted to {TargetSampleRate} Hz (the rational ratio needs too large a filter).");
            }

            _resampler = new PolyphaseResampler(rate, TargetSampleRate);
            _resampled = new float[Math.Max(_resampler.MaxOutputLength(BlockFrames), _resampler.MaxFlushLength)];
            _pacer = realTime ? new RealTimePacer(timeProvider ?? TimeProvider.System, TargetSampleRate) : null;
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        _reader = reader;
        Description = description;
    }

    public override int SampleRate => TargetSampleRate;

    public override string Description { get; }

    /// <summary>The format of the file as stored.</summary>
    public WavFormat SourceFormat => _reader.Format;

    public override IReadOnlyList<string> Warnings => _reader.Warnings;

    public override long Position => _delivered;

    public override double? DeclaredSeconds => _reader.DeclaredFrameCount / (double?)_reader.Format.SampleRate;

    /// <summary>Returns the next samples; 0 at the end of the file. Allocates nothing.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while a paced read was waiting.</exception>
    public override int Read(Span<float> destination, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (destination.IsEmpty || !EnsurePending())
        {
            return 0;
        }

        int count;
        if (_pacer is not null)
        {
            // Wait before consuming anything, so a cancelled wait loses no audio.
            count = Math.Min(destination.Length, _pendingCount);
            _pacer.WaitUntilDue(_delivered + count, cancellationToken);
            TakePending(destination[..count]);
        }
        else
        {
            count = 0;
            while (count < destination.Length && EnsurePending())
            {
                int take = Math.Min(destination.Length - count, _pendingCount);
                TakePending(destination.Slice(count, take));
                count += take;
            }
        }

        _delivered += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
            _pacer?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Decodes and resamples until there is output to hand out; false at the end of the file.</summary>
    private bool EnsurePending()
    {
        while (_pendingCount == 0)
        {
            if (_flushed)
            {
                return false;
            }

            int frames = _reader.ReadMono(_decoded);
            if (frames > 0)
            {
                _pendingCount = _resampler.Process(_decoded.AsSpan(0, frames), _resampled);
            }
            else
            {
                _pendingCount = _resampler.Flush(_resampled);
                _flushed = true;
            }

            _pendingOffset = 0;
        }

        return true;
    }

    private void TakePending(Span<float> destination)
    {
        _resampled.AsSpan(_pendingOffset, destination.Length).CopyTo(destination);
        _pendingOffset += destination.Length;
        _pendingCount -= destination.Length;
    }
}
