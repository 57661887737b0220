namespace AudioEdge.Audio.Tests.Support;

/// <summary>A one-shot timer of <see cref="ManualTimeProvider"/> (periods are not needed by the code under test).</summary>
internal sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    internal long? DueTicks { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        owner.Arm(this, dueTime);
        return true;
    }

    public void Dispose() => owner.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal void Fire() => callback(state);
}
