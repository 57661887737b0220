using AudioEdge.Inference;
using BenchmarkDotNet.Attributes;

namespace AudioEdge.Benchmarks;

/// <summary>
/// One model inference (a 96 × 64 log-mel window, what the detector runs every 100 ms) for the committed model's int8
/// and fp32 variants, one intra-op thread as on the device. On x64 the int8 kernels use VNNI/AVX2; on a Pi 4 (no dot
/// product) int8 may lose to fp32, which is why both ship.
/// </summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    private readonly float[] _window = new float[96 * 64];
    private readonly float[] _scores = new float[2];
    private OnnxWindowScorer _scorer = null!;

    [Params("int8", "fp32")]
    public string Variant { get; set; } = "int8";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int i = 0; i < _window.Length; i++)
        {
            _window[i] = (float)((random.NextDouble() * 12) - 10);
        }

        ModelPackage package = ModelPackage.Load(Path.Combine(AppContext.BaseDirectory, "models", "manifest.json"), Variant);
        _scorer = package.CreateScorer();
    }

    [GlobalCleanup]
    public void Cleanup() => _scorer.Dispose();

    [Benchmark(Description = "score one window")]
    public float Score()
    {
        _scorer.Score(_window, _scores);
        return _scores[0];
    }
}
