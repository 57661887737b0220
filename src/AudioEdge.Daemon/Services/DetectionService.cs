using System.Diagnostics;
using AudioEdge.Audio;
using AudioEdge.Audio.Alsa;
using AudioEdge.Audio.Sources;
using AudioEdge.Audio.Wav;
using AudioEdge.Daemon.Configuration;
using AudioEdge.Daemon.Diagnostics;
using AudioEdge.Daemon.Events;
using AudioEdge.Detection;
using AudioEdge.Dsp;
using AudioEdge.EventStore;
using AudioEdge.Inference;
using AudioEdge.Mqtt;
using AudioEdge.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Daemon.Services;

/// <summary>
/// The listening loop, on a thread of its own: audio source → <see cref="DetectionPipeline"/> (front end, model,
/// cadence and glass logic) → <see cref="AlarmEventPublisher"/>. The same pipeline <c>audioedge classify</c> runs on
/// files. Also feeds telemetry and metrics, and swaps the model when asked to reload.
/// </summary>
public sealed partial class DetectionService : BackgroundService
{
    // 100 ms: one model hop; the unit of telemetry's level statistics.
    private const int BlockSamples = AudioSource.TargetSampleRate / 10;

    private readonly DaemonOptions _options;
    private readonly AlarmEventPublisher _publisher;
    private readonly TelemetryAggregator _telemetry;
    private readonly DaemonMetrics _metrics;
    private readonly StreamClock _clock;
    private readonly DaemonHealth _health;
    private readonly DurableOutbox _outbox;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Lock _reloadLock = new();
    private LoadedModel _model;
    private TaskCompletionSource<CommandReply>? _reload;

    /// <summary>Creates the service with the model verified at start-up.</summary>
    public DetectionService(
        DaemonOptions options, LoadedModel model, AlarmEventPublisher publisher, TelemetryAggregator telemetry, DaemonMetrics metrics,
        StreamClock clock, DaemonHealth health, DurableOutbox outbox, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        _options = options;
        _model = model;
        _publisher = publisher;
        _telemetry = telemetry;
        _metrics = metrics;
        _clock = clock;
        _health = health;
        _outbox = outbox;
        _lifetime = lifetime;
        _loggers = loggers;
        _logger = loggers.CreateLogger<DetectionService>();
    }

    /// <summary>The model in use.</summary>
    public LoadedModel Model => Volatile.Read(ref _model);

    /// <summary>
    /// Loads the configured model package afresh (e.g. after a new model was installed) and swaps it in between two
    /// audio blocks; the running model stays if the new one fails verification.
    /// </summary>
    public Task<CommandReply> ReloadModelAsync(CancellationToken cancellationToken)
    {
        lock (_reloadLock)
        {
            _reload ??= new TaskCompletionSource<CommandReply>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _reload.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => ListenOrFail(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void ListenOrFail(CancellationToken stoppingToken)
    {
        try
        {
            Listen(stoppingToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A detector that stopped listening must not leave a process that looks alive: stop with EX_SOFTWARE so
            // systemd (Restart=on-failure) starts a fresh one; the outbox keeps everything already decided.
            LogListenerFailed(_logger, ex);
            Environment.ExitCode = 70;
            _lifetime.StopApplication();
        }
    }

    private void Listen(CancellationToken stoppingToken)
    {
        Thread.CurrentThread.Name = "audioedge-detection";
        AudioSource source;
        try
        {
            source = OpenSource();
        }
        catch (Exception ex) when (ex is InvalidAudioFileException or IOException or UnauthorizedAccessException or AlsaException)
        {
            LogSourceFailed(_logger, ex.Message);
            Environment.ExitCode = 66;
            _lifetime.StopApplication();
            return;
        }

        using (source)
        {
            LogListening(_logger, source.Description, _model.Package.Name, _model.Package.Variant);
            _metrics.Model(_model.Package.Name, _model.Package.Variant);
            var block = new float[BlockSamples];
            var telemetryFrontEnd = new LogMelFrontEnd(FrontEndOptions.Default);
            var frames = new float[((BlockSamples / FrontEndOptions.Default.HopLength) + 1) * telemetryFrontEnd.FrameLength];
            (DetectionPipeline pipeline, IWindowScorer scorer) = CreatePipeline(_model);
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (TakeReloadRequest() is { } request)
                    {
                        (pipeline, scorer) = Reload(request, pipeline, scorer);
                    }

                    int read;
                    try
                    {
                        read = source.Read(block, stoppingToken);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    if (read == 0)
                    {
                        LogEndOfAudio(_logger, source.Description);
                        _health.EndOfAudio();
                        break;
                    }

                    _clock.Observe(pipeline.Time);
                    long start = Stopwatch.GetTimestamp();
                    ReadOnlySpan<float> audio = block.AsSpan(0, read);
                    _telemetry.RecordAudioBlock(audio);
                    // The drift profile needs frames; the detector's own are private to it. A second front end costs
                    // about 1 µs per 10 ms hop (benchmarks/README.md) and keeps the detector's API unchanged.
                    int count = telemetryFrontEnd.Process(audio, frames);
                    _telemetry.RecordLogMelFrames(frames.AsSpan(0, count * telemetryFrontEnd.FrameLength));

                    pipeline.Process(audio);
                    _metrics.BlockProcessed(Stopwatch.GetElapsedTime(start).TotalSeconds, read / (double)AudioSource.TargetSampleRate);
                    AudioSourceStatistics statistics = source.Statistics;
                    _metrics.Audio(statistics.DroppedSamples, statistics.Overruns);
                    _telemetry.RecordAudioSourceStatistics(statistics.DroppedSamples, statistics.Overruns, statistics.Reconnects);
                    _health.AudioArrived();
                }
            }
            finally
            {
                // Ends open events at their last evidence, so a stopped daemon leaves no state stuck at ON.
                pipeline.Complete();
                scorer.Dispose();
            }
        }

        if (_health.AudioEnded && _options.Audio.ExitAtEnd && !stoppingToken.IsCancellationRequested)
        {
            WaitForOutboxDrain(stoppingToken);
            _lifetime.StopApplication();
        }
        else if (_health.AudioEnded)
        {
            // Nothing more to hear, but the device stays up: commands, telemetry and the outbox still work.
            ServeReloadsWithoutAudio(stoppingToken);
        }
    }

    private AudioSource OpenSource() => _options.Audio.Source switch
    {
        AudioSourceKind.File => AudioFileSource.Open(_options.Audio.File!, _options.Audio.RealTime),
        _ => OpenAlsa(),
    };

    private AlsaCaptureSource OpenAlsa()
    {
        var source = new AlsaCaptureSource(_options.Audio.Alsa, _loggers.CreateLogger<AlsaCaptureSource>());
        source.Error += (_, e) => LogCaptureError(_logger, e.Error.Message);
        source.Start();
        return source;
    }

    private (DetectionPipeline Pipeline, IWindowScorer Scorer) CreatePipeline(LoadedModel model)
    {
        var scorer = new TimedWindowScorer(model.CreateScorer(), _metrics, _telemetry);
        try
        {
            return (new DetectionPipeline(scorer, DetectionModel.FromPackage(model.Package), _publisher), scorer);
        }
        catch
        {
            scorer.Dispose();
            throw;
        }
    }

    private TaskCompletionSource<CommandReply>? TakeReloadRequest()
    {
        lock (_reloadLock)
        {
            TaskCompletionSource<CommandReply>? request = _reload;
            _reload = null;
            return request;
        }
    }

    private (DetectionPipeline, IWindowScorer) Reload(TaskCompletionSource<CommandReply> request, DetectionPipeline pipeline, IWindowScorer scorer)
    {
        LoadedModel candidate;
        (DetectionPipeline Pipeline, IWindowScorer Scorer) next;
        try
        {
            candidate = LoadedModel.Load(_options.Model);
            next = CreatePipeline(candidate);
        }
        catch (Exception ex) when (ex is ModelLoadException or ArgumentException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            LogReloadFailed(_logger, ex.Message);
            request.TrySetResult(new CommandReply(false, $"model not reloaded, still running {_model.Package.Name} ({_model.Package.Variant}): {ex.Message}"));
            return (pipeline, scorer);
        }

        // Open events end here and, if the sound goes on, the new pipeline decides them again within a cycle.
        pipeline.Complete();
        scorer.Dispose();
        Volatile.Write(ref _model, candidate);
        _metrics.Model(candidate.Package.Name, candidate.Package.Variant);
        _telemetry.Model = candidate.Package.Name;
        LogReloaded(_logger, candidate.Package.Name, candidate.Package.Variant);
        request.TrySetResult(new CommandReply(true, $"model {candidate.Package.Name} ({candidate.Package.Variant}) loaded"));
        return next;
    }

    private void ServeReloadsWithoutAudio(CancellationToken stoppingToken)
    {
        while (!stoppingToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200)))
        {
            _health.LoopAlive();
            if (TakeReloadRequest() is { } request)
            {
                try
                {
                    LoadedModel candidate = LoadedModel.Load(_options.Model);
                    Volatile.Write(ref _model, candidate);
                    _metrics.Model(candidate.Package.Name, candidate.Package.Variant);
                    _telemetry.Model = candidate.Package.Name;
                    LogReloaded(_logger, candidate.Package.Name, candidate.Package.Variant);
                    request.TrySetResult(new CommandReply(true, $"model {candidate.Package.Name} ({candidate.Package.Variant}) loaded"));
                }
                catch (ModelLoadException ex)
                {
                    LogReloadFailed(_logger, ex.Message);
                    request.TrySetResult(new CommandReply(false, $"model not reloaded, still running {_model.Package.Name} ({_model.Package.Variant}): {ex.Message}"));
                }
            }
        }
    }

    private void WaitForOutboxDrain(CancellationToken stoppingToken)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(_options.Audio.ExitDrainSeconds);
        while (DateTime.UtcNow < deadline && !stoppingToken.IsCancellationRequested)
        {
            OutboxCounts counts = _outbox.Counts;
            if (counts.Alarm + counts.State == 0)
            {
                return;
            }

            stoppingToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
        }

        OutboxCounts left = _outbox.Counts;
        if (left.Alarm + left.State > 0)
        {
            LogExitWithPending(_logger, left.Alarm + left.State);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The detection loop failed; stopping so that the service manager restarts the daemon")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Source} with model {Model} ({Variant})")]
    private static partial void LogListening(ILogger logger, string source, string model, string variant);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Audio source cannot be opened: {Error}")]
    private static partial void LogSourceFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audio capture failed, reopening: {Error}")]
    private static partial void LogCaptureError(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "End of audio from {Source}")]
    private static partial void LogEndOfAudio(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model reload failed, the running model stays: {Error}")]
    private static partial void LogReloadFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model reloaded: {Model} ({Variant})")]
    private static partial void LogReloaded(ILogger logger, string model, string variant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exiting with {Count} message(s) still in the outbox; they are sent after the next start")]
    private static partial void LogExitWithPending(ILogger logger, int count);
}
