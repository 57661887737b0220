namespace AudioEdge.Gpio;

/// <summary>
/// An on/off sequence as a pure function of the time since it started, so that the indicator never accumulates
/// timer drift: however late a timer fires, the level and the next change are computed from the start.
/// </summary>
internal sealed class BlinkPattern
{
    private readonly bool[] _levels;
    private readonly long[] _stepEndTicks;

    private BlinkPattern(string name, bool repeats, params BlinkStep[] steps)
    {
        Name = name;
        Repeats = repeats;
        _levels = new bool[steps.Length];
        _stepEndTicks = new long[steps.Length];
        long end = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            _levels[i] = steps[i].On;
            end += steps[i].Duration.Ticks;
            _stepEndTicks[i] = end;
        }
    }

    /// <summary>Smoke alarm: 500 ms on, 500 ms off, repeated.</summary>
    public static BlinkPattern Smoke { get; } = new("smoke", repeats: true, On(500), Off(500));

    /// <summary>Carbon monoxide: four 100 ms flashes 100 ms apart, then 4.2 s dark; a 5 s cycle, like the T4 sound.</summary>
    public static BlinkPattern CarbonMonoxide { get; } = new("carbon monoxide", repeats: true,
        On(100), Off(100), On(100), Off(100), On(100), Off(100), On(100), Off(100), Off(4200));

    /// <summary>Glass break: on for 10 s once, then off (the event is momentary, unlike an alarm sounder).</summary>
    public static BlinkPattern GlassBreak { get; } = new("glass break", repeats: false, new BlinkStep(true, TimeSpan.FromSeconds(10)));

    /// <summary>Anything else: on until cleared.</summary>
    public static BlinkPattern Solid { get; } = new("solid", repeats: false, new BlinkStep(true, TimeSpan.MaxValue));

    /// <summary>A name for logs.</summary>
    public string Name { get; }

    /// <summary>True when the sequence starts over after its last step; false when it ends (output off).</summary>
    public bool Repeats { get; }

    /// <summary>A one-shot pattern: on for <paramref name="duration"/>, then finished.</summary>
    public static BlinkPattern OnFor(string name, TimeSpan duration) => new(name, repeats: false, new BlinkStep(true, duration));

    /// <summary>True once a one-shot pattern has run to its end.</summary>
    public bool IsFinished(TimeSpan elapsed) => !Repeats && elapsed.Ticks >= _stepEndTicks[^1];

    /// <summary>The output level <paramref name="elapsed"/> after the start, and when (since the start) the next step begins; null when nothing changes any more.</summary>
    public bool LevelAt(TimeSpan elapsed, out TimeSpan? nextChange)
    {
        long ticks = Math.Max(0, elapsed.Ticks);
        long cycle = _stepEndTicks[^1];
        long cycleStart = 0;
        if (Repeats)
        {
            cycleStart = ticks - (ticks % cycle);
            ticks -= cycleStart;
        }
        else if (ticks >= cycle)
        {
            nextChange = null;
            return false;
        }

        int step = 0;
        while (ticks >= _stepEndTicks[step])
        {
            step++;
        }

        long end = _stepEndTicks[step];
        nextChange = end == TimeSpan.MaxValue.Ticks ? null : TimeSpan.FromTicks(cycleStart + end);
        return _levels[step];
    }

    private static BlinkStep On(int milliseconds) => new(true, TimeSpan.FromMilliseconds(milliseconds));

    private static BlinkStep Off(int milliseconds) => new(false, TimeSpan.FromMilliseconds(milliseconds));
}
