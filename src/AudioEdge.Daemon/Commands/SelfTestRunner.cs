using AudioEdge.Daemon.Demo;
using AudioEdge.Daemon.Events;
using AudioEdge.Daemon.Services;
using AudioEdge.Detection;
using AudioEdge.Inference;
using AudioEdge.Mqtt;

namespace AudioEdge.Daemon.Commands;

/// <summary>
/// The self-test an owner or a fleet operator triggers (MQTT <c>self_test</c>, button hold): a synthetic temporal-3
/// alarm goes through a second session of the running model and the same detector, which must call it a smoke
/// alarm; audio must be arriving; the local output flashes. Nothing is published as an event: a test is not an alarm.
/// </summary>
public sealed class SelfTestRunner
{
    private readonly DetectionService _detection;
    private readonly DaemonHealth _health;
    private readonly IAlarmOutput _output;

    /// <summary>Creates the runner.</summary>
    public SelfTestRunner(DetectionService detection, DaemonHealth health, IAlarmOutput output)
    {
        _detection = detection;
        _health = health;
        _output = output;
    }

    /// <summary>Runs the checks (about 10 ms of compute per second of test audio) and says what passed.</summary>
    public Task<CommandReply> RunAsync(CancellationToken cancellationToken) => Task.Run(() => Run(), cancellationToken);

    private CommandReply Run()
    {
        var problems = new List<string>();
        LoadedModel model = _detection.Model;
        string detector;
        try
        {
            // The test session is made from the file on disk: it must still be the file that was verified and is
            // running, or the test would judge another model than the one listening.
            string? changed = FileChangedSinceLoad(model.Package);
            if (changed is not null)
            {
                throw new ModelLoadException(changed);
            }

            var sink = new CollectingSink();
            using (OnnxWindowScorer scorer = model.CreateScorer())
            {
                var pipeline = new DetectionPipeline(scorer, DetectionModel.FromPackage(model.Package), sink);
                pipeline.Process(DemoRecording.SelfTestAlarm());
                pipeline.Complete();
            }

            DetectionEvent? smoke = sink.Started.FirstOrDefault(e => e.Label == EventLabels.SmokeAlarm);
            if (smoke is null)
            {
                problems.Add("the detector missed the test alarm");
                detector = "detector FAILED";
            }
            else
            {
                detector = $"detector ok (test alarm found after {smoke.DetectedAt - 0.5:F1} s, confidence {smoke.Confidence:F2})";
            }
        }
        catch (Exception ex) when (ex is ModelLoadException or ArgumentException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            problems.Add("the model cannot be tested: " + ex.Message);
            detector = "detector FAILED";
        }

        string audio;
        if (_health.AudioFlowing(TimeSpan.FromSeconds(5)))
        {
            audio = "audio ok";
        }
        else if (_health.AudioEnded)
        {
            audio = "audio source ended (file input)";
        }
        else
        {
            problems.Add("no audio for 5 s");
            audio = "audio FAILED (nothing for 5 s)";
        }

        _output.Flash(TimeSpan.FromSeconds(1));
        string summary = $"{detector}; {audio}; model {model.Package.Name} ({model.Package.Variant})";
        return new CommandReply(problems.Count == 0, problems.Count == 0 ? "self-test passed: " + summary : "self-test failed: " + summary);
    }

    private static string? FileChangedSinceLoad(ModelPackage running)
    {
        string expected = running.Manifest.Variants[running.Variant].Sha256;
        string actual;
        try
        {
            actual = ModelFileHash.Sha256Hex(running.ModelPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the running model's file {running.ModelPath} cannot be read ({ex.Message}); detection continues on the loaded session";
        }

        return string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the running model's file {running.ModelPath} changed on disk since it was loaded (run reload_model to load and verify the new one); detection continues on the loaded session";
    }

    private sealed class CollectingSink : IEventSink
    {
        public List<DetectionEvent> Started { get; } = [];

        public void EventStarted(DetectionEvent detection) => Started.Add(detection);

        public void EventEnded(DetectionEvent detection)
        {
        }
    }
}
