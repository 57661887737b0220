namespace AudioEdge.Daemon.Configuration;

/// <summary>The <c>Hush</c> section: what a hush (MQTT command or short button press) does.</summary>
public sealed class HushOptions
{
    /// <summary>Minutes a button press hushes for (the MQTT command names its own, 1..240). Default 10.</summary>
    public int ButtonMinutes { get; set; } = 10;

    /// <summary>Every problem, one line each, naming the key.</summary>
    public IReadOnlyList<string> Validate() =>
        ButtonMinutes is < 1 or > 240 ? [$"Hush:ButtonMinutes must be 1..240 (was {ButtonMinutes})."] : [];
}
