using Microsoft.Extensions.Configuration;

namespace AudioEdge.Daemon.Configuration;

/// <summary>Builds and binds the daemon's configuration; every way it can be wrong ends as <see cref="DaemonConfigurationException"/>.</summary>
public static class DaemonConfiguration
{
    /// <summary>Where the packaged daemon reads its configuration.</summary>
    public const string DefaultFile = "/etc/audioedge/audioedge.json";

    /// <summary>Prefix of environment variables: <c>AUDIOEDGE__MQTT__HOST=broker</c> sets <c>Mqtt:Host</c>.</summary>
    public const string EnvironmentPrefix = "AUDIOEDGE__";

    /// <summary>
    /// Sources, later ones win: the JSON file (<paramref name="file"/>, or <see cref="DefaultFile"/> when it exists),
    /// environment variables, then <paramref name="overrides"/> (<c>Section:Key=value</c>).
    /// </summary>
    /// <param name="file">An explicit file: it must exist. Null: the default file if present.</param>
    /// <param name="overrides">Command-line settings, <c>Key=value</c>.</param>
    /// <param name="environment">Environment variables to read (tests pass their own); null: the process's.</param>
    public static IConfigurationRoot Build(string? file, IEnumerable<string> overrides, IDictionary<string, string?>? environment = null)
    {
        var builder = new ConfigurationBuilder();
        string? path = file ?? (File.Exists(DefaultFile) ? DefaultFile : null);
        if (path is not null)
        {
            if (!File.Exists(path))
            {
                throw new DaemonConfigurationException([$"configuration file {path} does not exist"]);
            }

            builder.AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false);
        }

        if (environment is null)
        {
            builder.AddEnvironmentVariables(EnvironmentPrefix);
        }
        else
        {
            builder.AddInMemoryCollection(environment
                .Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(e => KeyValuePair.Create(e.Key[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), e.Value)));
        }

        var settings = new List<KeyValuePair<string, string?>>();
        var errors = new List<string>();
        foreach (string item in overrides)
        {
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add($"--set expects Section:Key=value (was '{item}')");
                continue;
            }

            settings.Add(KeyValuePair.Create(item[..equals].Trim(), (string?)item[(equals + 1)..]));
        }

        if (errors.Count > 0)
        {
            throw new DaemonConfigurationException(errors);
        }

        builder.AddInMemoryCollection(settings);
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            // Malformed JSON: the provider names the file and the line.
            throw new DaemonConfigurationException([OneLine(ex.Message)]);
        }
        catch (FormatException ex)
        {
            throw new DaemonConfigurationException([OneLine(ex.Message)]);
        }
    }

    /// <summary>
    /// Binds and validates. Unknown keys are errors (a typo such as <c>Mqtt:Hots</c> silently keeping the default
    /// broker is the worst kind of misconfiguration on a safety device), as are values of the wrong type.
    /// </summary>
    public static DaemonOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DaemonOptions();
        var errors = new List<string>();
        foreach (IConfigurationSection section in configuration.GetChildren())
        {
            if (section.Key.Equals("Logging", StringComparison.OrdinalIgnoreCase))
            {
                continue; // Microsoft.Extensions.Logging's own section
            }

            var property = typeof(DaemonOptions).GetProperty(section.Key, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null)
            {
                errors.Add($"unknown configuration section '{section.Key}'");
                continue;
            }

            try
            {
                section.Bind(property.GetValue(options), binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException ex)
            {
                errors.Add(Describe(section.Key, ex));
            }
        }

        if (errors.Count > 0)
        {
            throw new DaemonConfigurationException(errors);
        }

        IReadOnlyList<string> problems = options.Validate();
        return problems.Count > 0 ? throw new DaemonConfigurationException(problems) : options;
    }

    private static string Describe(string section, InvalidOperationException ex)
    {
        // The binder's messages are multi-line and name CLR types; keep the first line and the offending key.
        string message = OneLine(ex.InnerException is FormatException or InvalidCastException or InvalidOperationException && ex.InnerException.Message.Length > 0
            ? ex.Message + " " + ex.InnerException.Message
            : ex.Message);
        return $"{section}: {message}";
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
