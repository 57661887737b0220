using AudioEdge.Detection;
using AudioEdge.Inference;

namespace AudioEdge.Evaluation;

/// <summary>
/// Runs recordings through the product's streaming detector exactly as the daemon would (chunks of one ALSA-sized
/// period), recording its events and every window score.
/// </summary>
public sealed class EvaluationRunner
{
    private const int ChunkSamples = 1024;
    private readonly IWindowScorer _scorer;
    private readonly DetectionModel _model;
    private readonly DetectionOptions? _options;

    public EvaluationRunner(IWindowScorer scorer, DetectionModel model, DetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(model);
        _scorer = scorer;
        _model = model;
        _options = options;
    }

    public ItemOutcome Run(EvaluationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var recorder = new Recorder(_scorer.Labels);
        var pipeline = new DetectionPipeline(_scorer, _model, recorder, _options, observer: recorder);
        // As audioedge classify does: the recording's first second is judged on full windows.
        pipeline.LeadIn(item.Samples);
        for (int start = 0; start < item.Samples.Length; start += ChunkSamples)
        {
            pipeline.Process(item.Samples.AsSpan(start, Math.Min(ChunkSamples, item.Samples.Length - start)));
        }

        pipeline.LeadOut();
        pipeline.Complete();
        return new ItemOutcome(
            item,
            recorder.Events,
            [.. recorder.Times],
            _scorer.Labels.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => recorder.Scores.Select(s => (double)s[x.i]).ToArray()));
    }

    private sealed class Recorder(IReadOnlyList<string> labels) : IEventSink, IWindowScoreObserver
    {
        private readonly Dictionary<long, DetectionEvent> _events = [];

        public List<double> Times { get; } = [];

        public List<float[]> Scores { get; } = [];

        public IReadOnlyList<DetectionEvent> Events => [.. _events.Values.OrderBy(e => e.DetectedAt)];

        public void EventStarted(DetectionEvent detection) => _events[detection.Id] = detection;

        public void EventEnded(DetectionEvent detection) => _events[detection.Id] = detection;

        public void WindowScored(double time, ReadOnlySpan<float> scores)
        {
            Times.Add(time);
            Scores.Add(scores[..labels.Count].ToArray());
        }
    }
}
