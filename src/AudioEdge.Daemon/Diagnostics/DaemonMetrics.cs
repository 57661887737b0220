using Prometheus;

namespace AudioEdge.Daemon.Diagnostics;

/// <summary>
/// The daemon's Prometheus metrics, in a registry of its own (not prometheus-net's static default) so that two
/// daemons in one process, as in the tests, do not share counters.
/// </summary>
public sealed class DaemonMetrics
{
    private readonly Counter _detections;
    private readonly Histogram _inference;
    private readonly Histogram _framesLatency;
    private readonly Gauge _queueDepth;
    private readonly Gauge _droppedSamples;
    private readonly Gauge _overruns;
    private readonly Gauge _modelInfo;
    private readonly Gauge _brokerConnected;
    private readonly Counter _storeFailures;
    private readonly Counter _audioSeconds;

    /// <summary>Creates the metrics in a new registry.</summary>
    public DaemonMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        MetricFactory factory = Metrics.WithCustomRegistry(Registry);
        _detections = factory.CreateCounter("audioedge_detections_total", "Events decided, by label and whether a hush was in force.", "label", "hushed");
        _inference = factory.CreateHistogram("audioedge_inference_seconds", "Model inference time per scored window.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.00005, 2, 14) });
        _framesLatency = factory.CreateHistogram("audioedge_block_processing_seconds", "Front end + model + detection time per 100 ms audio block.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 14) });
        _queueDepth = factory.CreateGauge("audioedge_outbox_messages", "Messages waiting in the durable outbox, by class.", "class");
        _droppedSamples = factory.CreateGauge("audioedge_audio_dropped_samples", "Samples the capture ring buffer dropped since start.");
        _overruns = factory.CreateGauge("audioedge_audio_overruns", "ALSA overruns (xruns) since start.");
        _modelInfo = factory.CreateGauge("audioedge_model_info", "The model in use (value 1).", "model", "variant");
        _brokerConnected = factory.CreateGauge("audioedge_broker_connected", "1 when the MQTT broker connection is up.");
        _storeFailures = factory.CreateCounter("audioedge_outbox_store_failures_total", "Events the outbox could not store.");
        _audioSeconds = factory.CreateCounter("audioedge_audio_seconds_total", "Seconds of audio processed.");
    }

    /// <summary>The registry the metrics live in (the endpoint serves it).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>An event was decided.</summary>
    public void Detected(string label, bool hushed) => _detections.WithLabels(label, hushed ? "true" : "false").Inc();

    /// <summary>One window was scored in <paramref name="seconds"/>.</summary>
    public void Inference(double seconds) => _inference.Observe(seconds);

    /// <summary>One audio block went through the whole pipeline in <paramref name="seconds"/>.</summary>
    public void BlockProcessed(double seconds, double audioSeconds)
    {
        _framesLatency.Observe(seconds);
        _audioSeconds.Inc(audioSeconds);
    }

    /// <summary>The outbox's depth.</summary>
    public void QueueDepth(int alarm, int state, int telemetry)
    {
        _queueDepth.WithLabels("alarm").Set(alarm);
        _queueDepth.WithLabels("state").Set(state);
        _queueDepth.WithLabels("telemetry").Set(telemetry);
    }

    /// <summary>The capture statistics (cumulative).</summary>
    public void Audio(long droppedSamples, long overruns)
    {
        _droppedSamples.Set(droppedSamples);
        _overruns.Set(overruns);
    }

    /// <summary>The model now in use (a reload replaces the previous series).</summary>
    public void Model(string model, string variant)
    {
        foreach (string[] labels in _modelInfo.GetAllLabelValues().ToArray())
        {
            _modelInfo.RemoveLabelled(labels);
        }

        _modelInfo.WithLabels(model, variant).Set(1);
    }

    /// <summary>The broker connection's state.</summary>
    public void BrokerConnected(bool connected) => _brokerConnected.Set(connected ? 1 : 0);

    /// <summary>An event could not be stored.</summary>
    public void StoreFailed() => _storeFailures.Inc();
}
