using AudioEdge.Inference;

namespace AudioEdge.Detection.Tests;

/// <summary>A stand-in for the model: scores from a function of the window, so tests need no trained model.</summary>
internal sealed class TestScorer : IWindowScorer
{
    private readonly Func<ReadOnlySpan<float>, long, (float Alarm, float Glass)> _score;

    private TestScorer(Func<ReadOnlySpan<float>, long, (float, float)> score) => _score = score;

    public IReadOnlyList<string> Labels { get; } = ["alarm", "glass_break"];

    public int WindowFrames => 96;

    public int Bands => 64;

    public long Calls { get; private set; }

    /// <summary>The same scores for every window.</summary>
    public static TestScorer Constant(float alarm, float glass) => new((_, _) => (alarm, glass));

    /// <summary>Scores that depend on every value of the window, so equal score streams mean equal windows.</summary>
    public static TestScorer Checksum() => new((window, _) =>
    {
        double sum = 0;
        for (int i = 0; i < window.Length; i++)
        {
            sum += window[i] * ((i % 7) + 1);
        }

        float value = (float)(0.5 + (0.5 * Math.Sin(sum * 1e-3)));
        return (value, 1 - value);
    });

    /// <summary>Low constant scores; every window is copied into <paramref name="windows"/>.</summary>
    public static TestScorer Capturing(List<float[]> windows) => new((window, _) =>
    {
        windows.Add(window.ToArray());
        return (0.01f, 0.01f);
    });

    /// <summary>Scores by call number (a hop counter).</summary>
    public static TestScorer ByHop(Func<long, (float, float)> score) => new((_, call) => score(call));

    public void Score(ReadOnlySpan<float> window, Span<float> scores)
    {
        // No NUnit assertion here: it would allocate, and the pipeline's allocation test runs through this.
        if (window.Length != 96 * 64)
        {
            throw new ArgumentException("window length");
        }

        (scores[0], scores[1]) = _score(window, Calls++);
    }

    public void Dispose()
    {
    }
}
