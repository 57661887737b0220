using AudioEdge.Dsp;
using AudioEdge.Dsp.Simd;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace AudioEdge.Benchmarks;

/// <summary>
/// The log-mel front end per 10 ms hop (one frame from 160 new samples, the steady state on a device) and per
/// second of audio, for every SIMD level, against <see cref="MathNetLogMelBaseline"/> in the same run.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class FrontEndBenchmarks
{
    private const string Hop = "per 10 ms hop";
    private const string Second = "per second of audio";

    private readonly float[] _hop = Signal(160, 1);
    private readonly float[] _second = Signal(16_000, 2);
    private readonly float[] _frames = new float[100 * 64];
    private LogMelFrontEnd _scalar = null!;
    private LogMelFrontEnd _vector128 = null!;
    private LogMelFrontEnd _vector256 = null!;
    private MathNetLogMelBaseline _mathNet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scalar = new LogMelFrontEnd(null, SimdLevel.Scalar);
        _vector128 = new LogMelFrontEnd(null, SimdLevel.Vector128);
        _vector256 = new LogMelFrontEnd(null, SimdLevel.Vector256);
        _mathNet = new MathNetLogMelBaseline();

        // Prime each stream with one window so that every per-hop call completes exactly one frame.
        float[] prime = Signal(400 - 160, 3);
        _scalar.Process(prime, _frames);
        _vector128.Process(prime, _frames);
        _vector256.Process(prime, _frames);
        _mathNet.Process(prime, _frames);
    }

    [Benchmark(Baseline = true, Description = "MathNet FFT baseline")]
    [BenchmarkCategory(Hop)]
    public int HopMathNet() => _mathNet.Process(_hop, _frames);

    [Benchmark(Description = "Scalar")]
    [BenchmarkCategory(Hop)]
    public int HopScalar() => _scalar.Process(_hop, _frames);

    [Benchmark(Description = "Vector128")]
    [BenchmarkCategory(Hop)]
    public int HopVector128() => _vector128.Process(_hop, _frames);

    [Benchmark(Description = "Vector256")]
    [BenchmarkCategory(Hop)]
    public int HopVector256() => _vector256.Process(_hop, _frames);

    [Benchmark(Baseline = true, Description = "MathNet FFT baseline")]
    [BenchmarkCategory(Second)]
    public int SecondMathNet() => _mathNet.Process(_second, _frames);

    [Benchmark(Description = "Scalar")]
    [BenchmarkCategory(Second)]
    public int SecondScalar() => _scalar.Process(_second, _frames);

    [Benchmark(Description = "Vector128")]
    [BenchmarkCategory(Second)]
    public int SecondVector128() => _vector128.Process(_second, _frames);

    [Benchmark(Description = "Vector256")]
    [BenchmarkCategory(Second)]
    public int SecondVector256() => _vector256.Process(_second, _frames);

    private static float[] Signal(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.5f).ToArray();
    }
}
