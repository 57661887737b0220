using AudioEdge.Audio.Alsa.Interop;
using AudioEdge.Audio.Buffering;
using AudioEdge.Audio.Resampling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AudioEdge.Audio.Alsa;

/// <summary>
/// Live capture from an ALSA PCM: a dedicated thread reads periods from the device, converts them to mono float,
/// resamples them to 16 kHz and puts them into a ring buffer; <see cref="Read"/> takes them out.
/// </summary>
/// <remarks>
/// <para>
/// Nothing is allocated per period: the read, conversion and resampling buffers are sized when the device is opened
/// (again only if a reopened device negotiates a larger period or another rate).
/// </para>
/// <para>
/// Xruns (-EPIPE) and suspends (-ESTRPIPE) are recovered in place and counted as
/// <see cref="AudioSourceStatistics.Overruns"/>. Any other error (ENODEV/EBADFD/EIO when a USB mic is unplugged, a
/// device that delivers nothing for <see cref="AlsaCaptureOptions.StallTimeout"/>) closes the device; in
/// <see cref="AlsaFailureMode.Retry"/> it is reopened with exponential backoff while <see cref="Read"/> keeps
/// blocking, in <see cref="AlsaFailureMode.FailFast"/> <see cref="Read"/> throws once the buffered audio is drained.
/// </para>
/// <para>
/// End of stream: a live device has none. <see cref="Read"/> returns 0 only after <see cref="Stop"/> or Dispose.
/// (ALSA's <c>file</c> plugin, used by the tests, has no end either: past the end of its <c>infile</c> it keeps
/// reporting full reads without writing the buffer, and no error. Because the read buffer is cleared before every
/// read, that comes out of this source as digital silence, not as a repeat of the last period.)
/// </para>
/// </remarks>
public sealed class AlsaCaptureSource : AudioSource
{
    /// <summary>
    /// The snd_pcm_wait timeout: the longest the capture thread goes without looking at the stop token, so it bounds
    /// how long <see cref="Stop"/> and Dispose wait.
    /// </summary>
    private const int WaitTimeoutMilliseconds = 100;

    /// <summary>Xruns come in bursts on an overloaded board: log the first and then at most one line per interval.</summary>
    private const long OverrunLogIntervalMilliseconds = 10_000;

    private readonly AlsaCaptureOptions _options;
    private readonly ILogger _logger;
    private readonly Func<AlsaCaptureOptions, IPcmCaptureDevice> _openDevice;
    private readonly AudioRingBuffer _ring;
    private readonly RetryBackoff _backoff;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lifecycle = new();
    private readonly Thread _thread;

    // Owned by the capture thread (and by Start before the thread exists): never touched by the reader.
    private IPcmCaptureDevice? _device;
    private PolyphaseResampler? _resampler;
    private byte[] _raw = [];
    private float[] _mono = [];
    private float[] _resampled = [];
    private int _periodFrames;
    private int _consecutiveFailures;
    private TimeSpan _pendingDelay;
    private long _lastAudioTicks;
    private long _lastOverrunLogTicks = long.MinValue;

    // Read from other threads: written with Interlocked/Volatile (long is not atomic on 32-bit armhf otherwise).
    private long _overruns;
    private long _reconnects;
    private long _failures;
    private int _state = (int)AlsaCaptureState.Created;
    private AlsaException? _lastError;
    private AlsaException? _fault;

    // Lifecycle flags, changed under _lifecycle and read by Read without it.
    private bool _startCalled;
    private volatile bool _threadStarted;
    private volatile bool _stopRequested;

    /// <summary>Creates a source; nothing is opened until <see cref="Start"/>, so handlers can be attached to <see cref="Error"/> first.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public AlsaCaptureSource(AlsaCaptureOptions options, ILogger? logger = null)
        : this(options, logger, AlsaPcmDevice.Open, random: null)
    {
    }

    /// <summary>The seam for tests: a scripted device instead of libasound, a seeded jitter.</summary>
    internal AlsaCaptureSource(AlsaCaptureOptions options, ILogger? logger, Func<AlsaCaptureOptions, IPcmCaptureDevice> openDevice, Random? random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(openDevice);
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid ALSA capture options: " + string.Join(" ", problems), nameof(options));
        }

        _options = options.Clone();
        _logger = logger ?? NullLogger.Instance;
        _openDevice = openDevice;
        _ring = new AudioRingBuffer(_options.RingCapacity);
        _backoff = new RetryBackoff(_options.RetryMinDelay, _options.RetryMaxDelay, random);
        _thread = new Thread(Run)
        {
            // Background: a forgotten Dispose must not keep the process alive.
            IsBackground = true,
            Name = "alsa-capture",
        };
    }

    /// <summary>
    /// Raised on each failure: a device that could not be opened, or failed while capturing. Runs on the capture
    /// thread (or on the thread calling <see cref="Start"/> for the first open), so handlers must be quick; an
    /// exception from a handler is logged and otherwise ignored.
    /// </summary>
    public event EventHandler<AlsaCaptureErrorEventArgs>? Error;

    /// <summary>Always <see cref="AudioSource.TargetSampleRate"/>: the device's rate is resampled.</summary>
    public override int SampleRate => TargetSampleRate;

    public override string Description => "alsa:" + _options.Device;

    public override AudioSourceStatistics Statistics =>
        new(_ring.DroppedSamples, Volatile.Read(ref _overruns), Volatile.Read(ref _reconnects));

    public AlsaCaptureState State => (AlsaCaptureState)Volatile.Read(ref _state);

    /// <summary>The most recent failure, or null if there was none; it stays set after the device recovers.</summary>
    public AlsaException? LastError => Volatile.Read(ref _lastError);

    /// <summary>Failures so far: attempts to open the device that failed, plus failures of an open device.</summary>
    public long FailureCount => Volatile.Read(ref _failures);

    /// <summary>Opens the device and starts capturing.</summary>
    /// <exception cref="AlsaException">
    /// In <see cref="AlsaFailureMode.FailFast"/>: the device cannot be opened or configured; the message is one line
    /// for the user. In retry mode such a failure is logged, reported through <see cref="Error"/> and retried, and
    /// only failures no retry can fix throw (libasound missing, a device rate that cannot be resampled to 16 kHz).
    /// </exception>
    /// <exception cref="InvalidOperationException">Start was already called, or the source was stopped.</exception>
    public void Start()
    {
        ThrowIfDisposed();
        lock (_lifecycle)
        {
            if (_stopRequested)
            {
                throw new InvalidOperationException("The capture source was stopped and cannot be restarted; create a new one.");
            }

            if (_startCalled)
            {
                throw new InvalidOperationException("The capture source is already started.");
            }

            _startCalled = true;
        }

        // The first open happens on the caller's thread so that fail-fast mode can throw here, where the CLI is.
        if (!TryOpen())
        {
            AlsaException? fault = Volatile.Read(ref _fault);
            if (fault is not null)
            {
                throw fault;
            }
        }

        lock (_lifecycle)
        {
            if (_stopRequested)
            {
                // Stopped (from an Error handler, or another thread) while the device was being opened.
                CloseDevice();
                SetStateUnlessFaulted(AlsaCaptureState.Stopped);
                return;
            }

            _thread.Start();
            _threadStarted = true;
        }
    }

    /// <summary>Opens and starts a source in one call (handlers attached afterwards miss a failure of the first open; see <see cref="LastError"/>).</summary>
    public static AlsaCaptureSource Open(AlsaCaptureOptions options, ILogger? logger = null)
    {
        var source = new AlsaCaptureSource(options, logger);
        try
        {
            source.Start();
            return source;
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Blocks until captured audio is available, also while the device is being reopened. Returns 0 only after
    /// <see cref="Stop"/>/Dispose, once the audio captured before is drained (and for an empty destination).
    /// </summary>
    /// <exception cref="AlsaException">Fail-fast mode: the device failed; audio captured before the failure was returned first.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Start"/> has not been called.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    public override int Read(Span<float> destination, CancellationToken cancellationToken = default)
    {
        if (!_threadStarted)
        {
            if (Volatile.Read(ref _fault) is { } startFault)
            {
                throw Rethrowable(startFault);
            }

            if (_stopRequested)
            {
                return 0;
            }

            throw new InvalidOperationException("Call Start before Read.");
        }

        if (destination.IsEmpty)
        {
            return 0;
        }

        int read = _ring.Read(destination, cancellationToken);
        if (read == 0 && Volatile.Read(ref _fault) is { } fault)
        {
            throw Rethrowable(fault);
        }

        return read;
    }

    /// <summary>
    /// Stops capturing and closes the device; waits (at most about 100 ms plus one read) for the capture thread. A
    /// blocked <see cref="Read"/> then drains what was captured and returns 0. Safe to call more than once, from any
    /// thread, including an <see cref="Error"/> handler.
    /// </summary>
    public void Stop() => StopAndJoin();

    protected override void Dispose(bool disposing)
    {
        if (disposing && StopAndJoin())
        {
            // Only once the thread has ended: it may still be waiting on the token's handle otherwise.
            _stopping.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Returns true when the capture thread has ended (or never ran).</summary>
    private bool StopAndJoin()
    {
        bool threadStarted;
        lock (_lifecycle)
        {
            if (!_stopRequested)
            {
                _stopRequested = true;
                _stopping.Cancel();
            }

            threadStarted = _threadStarted;
            if (!threadStarted)
            {
                SetStateUnlessFaulted(AlsaCaptureState.Stopped);
            }
        }

        if (!threadStarted)
        {
            return true;
        }

        if (Thread.CurrentThread == _thread)
        {
            // Called from an Error handler: the loop sees the token and ends by itself right after the handler returns.
            return false;
        }

        _thread.Join();
        return true;
    }

    private void Run()
    {
        CancellationToken stopping = _stopping.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (_device is null)
                {
                    if (_pendingDelay > TimeSpan.Zero)
                    {
                        // The backoff wait ends early when Stop cancels the token: no polling, no busy loop.
                        bool stopped = stopping.WaitHandle.WaitOne(_pendingDelay);
                        _pendingDelay = TimeSpan.Zero;
                        if (stopped)
                        {
                            break;
                        }
                    }

                    if (!TryOpen())
                    {
                        if (Volatile.Read(ref _fault) is not null)
                        {
                            break;
                        }

                        continue;
                    }
                }

                int result = Pump(_device!);
                if (result < 0 && !TryRecover(ref result) && !DeviceFailed(result))
                {
                    break;
                }
            }
        }
#pragma warning disable CA1031 // Anything else is a bug; on a background thread it would kill the daemon, so fault the source instead.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AlsaLog.Crashed(_logger, _options.Device, e);
            var fault = new AlsaException($"ALSA capture from '{_options.Device}' failed unexpectedly: {e.Message}", 0, _options.Device, e);
            Volatile.Write(ref _lastError, fault);
            Volatile.Write(ref _fault, fault);
            Volatile.Write(ref _state, (int)AlsaCaptureState.Faulted);
        }
        finally
        {
            CloseDevice();
            SetStateUnlessFaulted(AlsaCaptureState.Stopped);
            AlsaLog.Stopped(_logger, _options.Device);

            // Last: wakes a blocked reader, which drains the ring and then sees 0 (or the fault).
            _ring.Complete();
        }
    }

    /// <summary>One wait and at most one period read. 0 when fine (including timeouts), otherwise -errno.</summary>
    private int Pump(IPcmCaptureDevice device)
    {
        int ready = device.Wait(WaitTimeoutMilliseconds);
        if (ready < 0)
        {
            return ready;
        }

        nint frames = 0;
        if (ready > 0)
        {
            // Cleared before every read: ALSA's file plugin past the end of its infile reports full reads without
            // writing the buffer, and a driver doing the same must give silence rather than repeat stale audio.
            Span<byte> raw = _raw;
            raw.Clear();
            frames = device.Read(raw, _periodFrames);
            if (frames < 0 && frames != -Errno.EAGAIN)
            {
                return (int)frames;
            }
        }

        if (frames <= 0)
        {
            // A timeout or nothing yet: fine unless it has lasted too long (a stopped I2S clock never raises an error).
            return Environment.TickCount64 - _lastAudioTicks > (long)_options.StallTimeout.TotalMilliseconds ? -Errno.ETIMEDOUT : 0;
        }

        int count = (int)frames;
        _lastAudioTicks = Environment.TickCount64;
        _consecutiveFailures = 0;

        PcmConfiguration configuration = device.Configuration;
        Span<float> mono = _mono.AsSpan(0, count);
        SampleConverter.ToMono(_raw, count, configuration.Format, configuration.Channels, _options.ChannelSelection, mono);
        int produced = _resampler!.Process(mono, _resampled);
        if (produced > 0)
        {
            // A full ring drops (and counts) the rest: the capture thread must never wait for the reader.
            _ring.Write(_resampled.AsSpan(0, produced));
        }

        return 0;
    }

    /// <summary>Recovers in place from an xrun, a suspend or an interrupted call; false when the error needs a reopen (then <paramref name="error"/> is the one to report).</summary>
    private bool TryRecover(ref int error)
    {
        if (error is -Errno.EPIPE or -Errno.ESTRPIPE)
        {
            long overruns = Interlocked.Increment(ref _overruns);
            long now = Environment.TickCount64;
            if (overruns == 1 || now - _lastOverrunLogTicks >= OverrunLogIntervalMilliseconds)
            {
                _lastOverrunLogTicks = now;
                AlsaLog.Overrun(_logger, _options.Device, error == -Errno.EPIPE ? "overran (xrun)" : "was suspended", overruns);
            }
        }
        else if (error != -Errno.EINTR)
        {
            return false;
        }

        int recovered = _device!.Recover(error);
        if (recovered < 0)
        {
            error = recovered;
            return false;
        }

        _lastAudioTicks = Environment.TickCount64;
        return true;
    }

    /// <summary>The open device failed: close it and report. True to go on (retry), false when capture ends.</summary>
    private bool DeviceFailed(int error)
    {
        CloseDevice();
        string device = _options.Device;
        AlsaException failure = error == -Errno.ETIMEDOUT
            ? new AlsaException($"ALSA capture device '{device}' delivered no audio for {_options.StallTimeout.TotalSeconds:0.#} s.", error, device)
            : AlsaPcmDevice.Error(device, $"ALSA capture device '{device}' failed while capturing", error);
        return ReportFailure(failure);
    }

    /// <summary>Opens the device and sizes the buffers for it; false (after reporting) when that failed.</summary>
    private bool TryOpen()
    {
        Volatile.Write(ref _state, (int)AlsaCaptureState.Opening);
        IPcmCaptureDevice device;
        try
        {
            device = _openDevice(_options);
        }
        catch (AlsaException e)
        {
            ReportFailure(e);
            return false;
        }

        int rate = device.Configuration.SampleRate;
        if (!PolyphaseResampler.IsSupported(rate, TargetSampleRate))
        {
            // Only a hw: device offering an odd rate gets here; the same device will offer it again, so no retry.
            device.Dispose();
            ReportFailure(new AlsaException(
                $"ALSA capture device '{_options.Device}' runs at {rate} Hz, which cannot be resampled to 16 kHz; request a rate it supports exactly, or use plughw:.",
                0,
                _options.Device)
            {
                IsPermanent = true,
            });
            return false;
        }

        try
        {
            Attach(device);
        }
        catch
        {
            device.Dispose();
            throw;
        }

        if (_consecutiveFailures > 0)
        {
            Interlocked.Increment(ref _reconnects);
            AlsaLog.Reconnected(_logger, _options.Device, _consecutiveFailures);
        }

        Volatile.Write(ref _state, (int)AlsaCaptureState.Capturing);
        return true;
    }

    private void Attach(IPcmCaptureDevice device)
    {
        PcmConfiguration configuration = device.Configuration;
        AlsaLog.Opened(
            _logger,
            _options.Device,
            configuration.Format,
            configuration.Channels,
            configuration.SampleRate,
            configuration.PeriodFrames,
            configuration.BufferFrames);
        if (configuration.SampleRate != _options.SampleRate)
        {
            AlsaLog.RateDiffers(_logger, _options.Device, _options.SampleRate, configuration.SampleRate);
        }

        // Allocation happens here, at open time, never per period.
        if (_resampler is null || _resampler.InputRate != configuration.SampleRate)
        {
            _resampler = new PolyphaseResampler(configuration.SampleRate, TargetSampleRate);
        }
        else
        {
            // The audio before the failure is gone; do not let the filter smear it into the new stream.
            _resampler.Reset();
        }

        _periodFrames = configuration.PeriodFrames;
        int rawBytes = configuration.PeriodFrames * configuration.BytesPerFrame;
        if (_raw.Length < rawBytes)
        {
            _raw = new byte[rawBytes];
        }

        if (_mono.Length < configuration.PeriodFrames)
        {
            _mono = new float[configuration.PeriodFrames];
        }

        int maxOutput = _resampler.MaxOutputLength(configuration.PeriodFrames);
        if (_resampled.Length < maxOutput)
        {
            _resampled = new float[maxOutput];
        }

        _lastAudioTicks = Environment.TickCount64;
        _device = device;
    }

    private void CloseDevice()
    {
        _device?.Dispose();
        _device = null;
    }

    /// <summary>Records, logs and announces a failure. True when the source will retry, false when it gave up.</summary>
    private bool ReportFailure(AlsaException failure)
    {
        _consecutiveFailures++;
        Interlocked.Increment(ref _failures);
        Volatile.Write(ref _lastError, failure);

        bool fatal = _options.FailureMode == AlsaFailureMode.FailFast || failure.IsPermanent;
        TimeSpan? delay = null;
        if (fatal)
        {
            Volatile.Write(ref _fault, failure);
            Volatile.Write(ref _state, (int)AlsaCaptureState.Faulted);
            AlsaLog.Fatal(_logger, failure.Message);
        }
        else
        {
            delay = _backoff.NextDelay(_consecutiveFailures);
            _pendingDelay = delay.Value;
            Volatile.Write(ref _state, (int)AlsaCaptureState.WaitingToRetry);
            AlsaLog.Retrying(_logger, failure.Message, (long)delay.Value.TotalMilliseconds, _consecutiveFailures);
        }

        EventHandler<AlsaCaptureErrorEventArgs>? handlers = Error;
        if (handlers is not null)
        {
            try
            {
                handlers(this, new AlsaCaptureErrorEventArgs(failure, _consecutiveFailures, delay));
            }
#pragma warning disable CA1031 // A subscriber's bug must not end capture; it is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                AlsaLog.ErrorHandlerFailed(_logger, e);
            }
        }

        return !fatal;
    }

    private void SetStateUnlessFaulted(AlsaCaptureState state)
    {
        if (State != AlsaCaptureState.Faulted)
        {
            Volatile.Write(ref _state, (int)state);
        }
    }

    /// <summary>A fresh exception per throw, so that each caller's stack trace is its own; the original is the inner exception.</summary>
    private static AlsaException Rethrowable(AlsaException fault) => new(fault.Message, fault.ErrorCode, fault.Device, fault);
}
