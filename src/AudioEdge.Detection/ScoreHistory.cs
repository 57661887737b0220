namespace AudioEdge.Detection;

/// <summary>
/// The last few seconds of one label's window scores, for "was the model sure at any time since t?", each with the
/// loudest piezo-region tone heard in its window (for <see cref="DetectionOptions.LowToneCreditMarginDb"/>).
/// </summary>
internal sealed class ScoreHistory
{
    private readonly double[] _times;
    private readonly float[] _scores;
    private readonly double[] _piezoLevels;
    private int _newest = -1;
    private int _count;

    public ScoreHistory(int capacity)
    {
        _times = new double[capacity];
        _scores = new float[capacity];
        _piezoLevels = new double[capacity];
    }

    /// <param name="time">The window's newest frame.</param>
    /// <param name="score">The model's score of the window.</param>
    /// <param name="piezoLevel">The loudest piezo-region tone (dB) heard in the window; −∞ when none.</param>
    public void Add(double time, float score, double piezoLevel = double.NegativeInfinity)
    {
        _newest = (_newest + 1) % _times.Length;
        _times[_newest] = time;
        _scores[_newest] = score;
        _piezoLevels[_newest] = piezoLevel;
        _count = Math.Min(_count + 1, _times.Length);
    }

    /// <summary>The highest score of windows scored at or after <paramref name="since"/>; 0 when there are none.</summary>
    /// <summary>
    /// The highest score of the windows since <paramref name="since"/>, counting only those in which no piezo-region
    /// tone louder than <paramref name="maxPiezoLevel"/> dB was heard; 0 when none.
    /// </summary>
    public float MaxSince(double since, double maxPiezoLevel = double.PositiveInfinity)
    {
        float max = 0;
        for (int age = 0; age < _count; age++)
        {
            int i = (_newest - age + _times.Length) % _times.Length;
            if (_times[i] < since)
            {
                break;
            }

            if (!(_piezoLevels[i] > maxPiezoLevel))
            {
                max = Math.Max(max, _scores[i]);
            }
        }

        return max;
    }
}
