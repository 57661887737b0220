using AudioEdge.Benchmarking;
using AudioEdge.Daemon.Demo;
using AudioEdge.Detection;
using AudioEdge.Inference;
using BenchmarkDotNet.Attributes;

namespace AudioEdge.Benchmarks;

/// <summary>
/// The whole detector, <see cref="DetectionPipeline.Process"/>, with the committed model: per 10 ms hop (160 samples,
/// one log-mel frame; every tenth call also scores a window, so the mean is the amortised cost per frame) and per
/// 100 ms block (1600 samples: ten frames and exactly one inference, what <c>audioedge bench</c> times per block).
/// The audio is <c>audioedge bench</c>'s loop (the demo recording plus a synthetic CO alarm), consumed continuously,
/// so the detector's tone, cadence and event paths run too.
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private float[] _audio = null!;
    private int _position;
    private OnnxWindowScorer _scorer = null!;
    private DetectionPipeline _pipeline = null!;

    [Params("int8", "fp32")]
    public string Variant { get; set; } = "int8";

    [GlobalSetup]
    public void Setup()
    {
        _audio = BenchAudio.Create(DemoRecording.Generate());
        ModelPackage package = ModelPackage.Load(Path.Combine(AppContext.BaseDirectory, "models", "manifest.json"), Variant);
        _scorer = package.CreateScorer();
        _pipeline = new DetectionPipeline(_scorer, DetectionModel.FromPackage(package), new NullSink());

        // Fill the model window so that every measured call is steady state.
        for (int i = 0; i < 20; i++)
        {
            Block();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _scorer.Dispose();

    [Benchmark(Description = "Process one 10 ms hop")]
    public double Hop() => Feed(160);

    [Benchmark(Description = "Process one 100 ms block")]
    public double Block() => Feed(1600);

    private double Feed(int samples)
    {
        // The loop's length is a multiple of 1600 samples, so a block never straddles its end.
        if (_position + samples > _audio.Length)
        {
            _position = 0;
        }

        _pipeline.Process(_audio.AsSpan(_position, samples));
        _position += samples;
        return _pipeline.Time;
    }

    private sealed class NullSink : IEventSink
    {
        public void EventStarted(DetectionEvent detection)
        {
        }

        public void EventEnded(DetectionEvent detection)
        {
        }
    }
}
