namespace AudioEdge.Audio.Alsa.Tests;

/// <summary>
/// A capture device that follows a script (S16_LE mono at 16 kHz, so samples pass the resampler unchanged). It
/// produces what ALSA's file plugin cannot: xruns, suspends, a device vanishing mid-stream, a stalled clock. When the
/// script is used up it behaves like a silent device whose clock stopped: every wait times out.
/// </summary>
internal sealed class ScriptedPcmDevice : IPcmCaptureDevice
{
    private readonly PcmStep[] _steps;
    private readonly Lock _gate = new();
    private readonly List<int> _recoverCalls = [];
    private int _step;
    private int _offset;
    private volatile bool _disposed;

    public ScriptedPcmDevice(params PcmStep[] steps)
    {
        _steps = steps;
    }

    public PcmConfiguration Configuration { get; init; } = new(AlsaSampleFormat.S16LE, 1, 16_000, 256, 1024);

    /// <summary>What <see cref="Recover"/> returns: 0, or -errno to make recovery fail.</summary>
    public int RecoverResult { get; init; }

    public bool IsDisposed => _disposed;

    public IReadOnlyList<int> RecoverCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _recoverCalls];
            }
        }
    }

    public int Wait(int timeoutMilliseconds)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_step >= _steps.Length)
        {
            Thread.Sleep(timeoutMilliseconds);
            return 0;
        }

        PcmStep step = _steps[_step];
        if (step.FromWait)
        {
            _step++;
            return step.Error;
        }

        return 1;
    }

    public nint Read(Span<byte> buffer, int frames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_step >= _steps.Length)
        {
            return -Interop.Errno.EAGAIN;
        }

        PcmStep step = _steps[_step];
        if (step.Samples is null)
        {
            _step++;
            return step.Error;
        }

        // Long data steps come out a period at a time, as from a real device.
        int count = Math.Min(frames, step.Samples.Length - _offset);
        RawAudio.S16Bytes(step.Samples.AsSpan(_offset, count)).CopyTo(buffer);
        _offset += count;
        if (_offset == step.Samples.Length)
        {
            _step++;
            _offset = 0;
        }

        return count;
    }

    public int Recover(int error)
    {
        lock (_gate)
        {
            _recoverCalls.Add(error);
        }

        return RecoverResult;
    }

    public void Dispose() => _disposed = true;
}
