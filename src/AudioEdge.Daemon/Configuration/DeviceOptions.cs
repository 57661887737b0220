using System.Text.RegularExpressions;

namespace AudioEdge.Daemon.Configuration;

/// <summary>Who this device is: the id in every topic and event, and the name Home Assistant shows.</summary>
public sealed partial class DeviceOptions
{
    /// <summary>
    /// Id in topics and discovery (<c>[a-zA-Z0-9_-]</c>, at most 64). Default: the host name with every other
    /// character replaced by <c>-</c>, so a fleet flashed from one image still gets distinct ids.
    /// </summary>
    public string Id { get; set; } = DefaultId();

    /// <summary>Friendly name shown in Home Assistant. Default: "AudioEdge &lt;Id&gt;".</summary>
    public string? Name { get; set; }

    /// <summary>The name to show: <see cref="Name"/> or the default derived from <see cref="Id"/>.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? $"AudioEdge {Id}" : Name;

    /// <summary>Every problem, one line each, naming the key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(Id) || Id.Length > 64 || !IdPattern().IsMatch(Id))
        {
            errors.Add($"Device:Id must be 1..64 characters of a-z, A-Z, 0-9, '_' or '-' (was '{Id}').");
        }

        if (Name is { Length: > 100 })
        {
            errors.Add($"Device:Name must be at most 100 characters (was {Name.Length}).");
        }

        return errors;
    }

    internal static string DefaultId()
    {
        string host;
        try
        {
            host = Environment.MachineName;
        }
        catch (InvalidOperationException)
        {
            host = "audioedge";
        }

        string id = InvalidIdCharacters().Replace(host, "-").Trim('-');
        if (id.Length > 64)
        {
            id = id[..64];
        }

        return id.Length == 0 ? "audioedge" : id;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[^a-zA-Z0-9_-]")]
    private static partial Regex InvalidIdCharacters();
}
