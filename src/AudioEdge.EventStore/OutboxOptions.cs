using System.Globalization;

namespace AudioEdge.EventStore;

/// <summary>
/// Where the outbox lives and how much telemetry it keeps (configuration section <c>Outbox</c>). Settable properties so
/// that the host can bind them from configuration; <see cref="Validate"/> reports every problem at once.
/// <see cref="DurableOutbox.Open"/> reads the values once, so changing an instance later does not affect an open outbox.
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>Largest accepted <see cref="MaxTelemetryMessages"/>: about 200 MB of 2 KB reports, more than an SD card should hold for this.</summary>
    public const int MaxTelemetryMessagesLimit = 100_000;

    /// <summary>
    /// Absolute path of the SQLite database file. Its directory is created when missing; SQLite keeps two companion
    /// files beside it (<c>-wal</c>, <c>-shm</c>). Default <c>/var/lib/audioedge/outbox.db</c> (systemd <c>StateDirectory</c>).
    /// </summary>
    public string Path { get; set; } = "/var/lib/audioedge/outbox.db";

    /// <summary>
    /// Telemetry messages kept while the broker is unreachable; beyond that the oldest is dropped and counted.
    /// Alarm and state messages do not count against it and are never dropped. Default 2016 (7 days at one report
    /// every 5 minutes).
    /// </summary>
    public int MaxTelemetryMessages { get; set; } = 2016;

    /// <summary>Every problem with these options, one line each naming the configuration key; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(Path))
        {
            problems.Add("Outbox:Path must name the outbox database file, e.g. '/var/lib/audioedge/outbox.db' (was empty).");
        }
        else if (Path.Contains('\0', StringComparison.Ordinal))
        {
            problems.Add("Outbox:Path must not contain a NUL character.");
        }
        else if (!System.IO.Path.IsPathFullyQualified(Path))
        {
            // A relative path would depend on the daemon's working directory, which systemd sets to '/'.
            problems.Add(Invariant($"Outbox:Path must be an absolute path (was '{Path}')."));
        }
        else if (Path.EndsWith('/') || Path.EndsWith(System.IO.Path.DirectorySeparatorChar))
        {
            problems.Add(Invariant($"Outbox:Path must name a file, not a directory (was '{Path}')."));
        }

        if (MaxTelemetryMessages is < 1 or > MaxTelemetryMessagesLimit)
        {
            problems.Add(Invariant(
                $"Outbox:MaxTelemetryMessages must be 1..{MaxTelemetryMessagesLimit} (was {MaxTelemetryMessages})."));
        }

        return problems;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
