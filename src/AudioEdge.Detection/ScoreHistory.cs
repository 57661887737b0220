namespace AudioEdge.Detection;

/// <summary>
/// The last few seconds of one label's window scores, for "was the model sure at any time since t?", each with the
/// loudest piezo-region tone heard in its window (for <see cref="DetectionOptions.LowToneCreditMarginDb"/>) and
/// whether it held a decoded T4 group (whose score a smoke cadence is not credited with).
/// </summary>
internal sealed class ScoreHistory
{
    private readonly double[] _times;
    private readonly float[] _scores;
    private readonly double[] _piezoLevels;
    private readonly bool[] _temporalFour;
    // Windows scored up to this time hold a decoded T4 group (MarkTemporalFour): those of its last pulses' aftermath
    // are scored after the group is decoded.
    private double _temporalFourUntil = double.NegativeInfinity;
    private int _newest = -1;
    private int _count;

    public ScoreHistory(int capacity)
    {
        _times = new double[capacity];
        _scores = new float[capacity];
        _piezoLevels = new double[capacity];
        _temporalFour = new bool[capacity];
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
        _temporalFour[_newest] = time <= _temporalFourUntil;
        _count = Math.Min(_count + 1, _times.Length);
    }

    /// <summary>
    /// The highest score of the windows since <paramref name="since"/>, counting only those in which no piezo-region
    /// tone louder than <paramref name="maxPiezoLevel"/> dB was heard and, with <paramref name="skipTemporalFour"/>,
    /// none that held a decoded T4 group; 0 when none.
    /// </summary>
    public float MaxSince(double since, double maxPiezoLevel = double.PositiveInfinity, bool skipTemporalFour = false)
    {
        float max = 0;
        for (int age = 0; age < _count; age++)
        {
            int i = Index(age);
            if (_times[i] < since)
            {
                break;
            }

            if (!(_piezoLevels[i] > maxPiezoLevel) && !(skipTemporalFour && _temporalFour[i]))
            {
                max = Math.Max(max, _scores[i]);
            }
        }

        return max;
    }

    /// <summary>Marks the windows scored from <paramref name="from"/> to <paramref name="to"/>, those to come included, as holding a decoded T4 group.</summary>
    public void MarkTemporalFour(double from, double to)
    {
        _temporalFourUntil = Math.Max(_temporalFourUntil, to);
        for (int age = 0; age < _count; age++)
        {
            int i = Index(age);
            if (_times[i] < from)
            {
                break;
            }

            _temporalFour[i] |= _times[i] <= to;
        }
    }

    /// <summary>The slot of the window <paramref name="age"/> scores before the newest.</summary>
    private int Index(int age) => (_newest - age + _times.Length) % _times.Length;
}
