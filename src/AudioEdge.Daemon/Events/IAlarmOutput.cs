namespace AudioEdge.Daemon.Events;

/// <summary>A local alarm output (LED, relay, buzzer). GPIO drives it on a device; a no-op stands in when none is configured.</summary>
public interface IAlarmOutput
{
    /// <summary>Start the pattern of <paramref name="label"/>.</summary>
    void Show(string label);

    /// <summary>Stop the pattern of <paramref name="label"/>.</summary>
    void Clear(string label);

    /// <summary>Stop everything (hush).</summary>
    void ClearAll();

    /// <summary>A short flash: self-test feedback.</summary>
    void Flash(TimeSpan duration);
}
