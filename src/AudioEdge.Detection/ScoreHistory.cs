namespace AudioEdge.Detection;

/// <summary>The last few seconds of one label's window scores, for "was the model sure at any time since t?".</summary>
internal sealed class ScoreHistory
{
    private readonly double[] _times;
    private readonly float[] _scores;
    private int _newest = -1;
    private int _count;

    public ScoreHistory(int capacity)
    {
        _times = new double[capacity];
        _scores = new float[capacity];
    }

    public void Add(double time, float score)
    {
        _newest = (_newest + 1) % _times.Length;
        _times[_newest] = time;
        _scores[_newest] = score;
        _count = Math.Min(_count + 1, _times.Length);
    }

    /// <summary>The highest score of windows scored at or after <paramref name="since"/>; 0 when there are none.</summary>
    public float MaxSince(double since)
    {
        float max = 0;
        for (int age = 0; age < _count; age++)
        {
            int i = (_newest - age + _times.Length) % _times.Length;
            if (_times[i] < since)
            {
                break;
            }

            max = Math.Max(max, _scores[i]);
        }

        return max;
    }
}
