using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace AudioEdge.Daemon.Configuration;

/// <summary>Builds and binds the daemon's configuration; every way it can be wrong ends as <see cref="DaemonConfigurationException"/>.</summary>
public static class DaemonConfiguration
{
    /// <summary>Where the packaged daemon reads its configuration.</summary>
    public const string DefaultFile = "/etc/audioedge/audioedge.json";

    private const DynamicallyAccessedMemberTypes OptionMembers =
        DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor;

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
    /// broker is the worst kind of misconfiguration on a safety device), as are values of the wrong type. Every
    /// problem is reported at once: the keys that are wrong are left out, the rest is bound and validated.
    /// </summary>
    // The key check and the binder find the option types' properties by reflection; the packages are NativeAOT
    // builds, whose trimming would otherwise drop those properties' metadata and report every key as unknown.
    [DynamicDependency(OptionMembers, typeof(DaemonOptions))]
    [DynamicDependency(OptionMembers, typeof(DeviceOptions))]
    [DynamicDependency(OptionMembers, typeof(AudioInputOptions))]
    [DynamicDependency(OptionMembers, typeof(AudioEdge.Audio.Alsa.AlsaCaptureOptions))]
    [DynamicDependency(OptionMembers, typeof(ModelOptions))]
    [DynamicDependency(OptionMembers, typeof(AudioEdge.Mqtt.MqttOptions))]
    [DynamicDependency(OptionMembers, typeof(AudioEdge.Mqtt.MqttTlsOptions))]
    [DynamicDependency(OptionMembers, typeof(AudioEdge.EventStore.OutboxOptions))]
    [DynamicDependency(OptionMembers, typeof(AudioEdge.Telemetry.TelemetryOptions))]
    [DynamicDependency(OptionMembers, typeof(AudioEdge.Gpio.GpioOptions))]
    [DynamicDependency(OptionMembers, typeof(MetricsOptions))]
    [DynamicDependency(OptionMembers, typeof(HushOptions))]
    public static DaemonOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var rejected = new List<string>();
        foreach (IConfigurationSection section in configuration.GetChildren())
        {
            if (IsLoggingSection(section))
            {
                continue;
            }

            PropertyInfo? property = SectionProperty(section.Key);
            if (property is null)
            {
                errors.Add($"unknown configuration section '{section.Key}'");
                rejected.Add(section.Path);
                continue;
            }

            CheckKeys(section, property.PropertyType, errors, rejected);
        }

        // The binder stops at the first problem of a section; binding only what passed the checks lets the
        // validation below see every other value, so one round of fixes is enough.
        IConfiguration usable = rejected.Count == 0 ? configuration : Without(configuration, rejected);
        var options = new DaemonOptions();
        foreach (IConfigurationSection section in usable.GetChildren())
        {
            if (IsLoggingSection(section) || SectionProperty(section.Key) is not { } property)
            {
                continue;
            }

            try
            {
                BindSection(section, property.Name, options);
            }
            catch (InvalidOperationException ex)
            {
                errors.Add(Describe(section.Key, ex));
            }
        }

        errors.AddRange(options.Validate());
        return errors.Count > 0 ? throw new DaemonConfigurationException(errors) : options;
    }

    private static bool IsLoggingSection(IConfigurationSection section) =>
        section.Key.Equals("Logging", StringComparison.OrdinalIgnoreCase); // Microsoft.Extensions.Logging's own section

    /// <summary>
    /// One typed call per section, so that the configuration binder's source generator writes the binding code
    /// (the packages are NativeAOT builds: the reflection binder's generic paths are not available there).
    /// </summary>
    private static void BindSection(IConfigurationSection section, string property, DaemonOptions options)
    {
        switch (property)
        {
            case nameof(DaemonOptions.Device): section.Bind(options.Device, Strict); break;
            case nameof(DaemonOptions.Audio): section.Bind(options.Audio, Strict); break;
            case nameof(DaemonOptions.Model): section.Bind(options.Model, Strict); break;
            case nameof(DaemonOptions.Mqtt): section.Bind(options.Mqtt, Strict); break;
            case nameof(DaemonOptions.Outbox): section.Bind(options.Outbox, Strict); break;
            case nameof(DaemonOptions.Telemetry): section.Bind(options.Telemetry, Strict); break;
            case nameof(DaemonOptions.Gpio): section.Bind(options.Gpio, Strict); break;
            case nameof(DaemonOptions.Metrics): section.Bind(options.Metrics, Strict); break;
            case nameof(DaemonOptions.Hush): section.Bind(options.Hush, Strict); break;
            default: throw new InvalidOperationException($"DaemonOptions.{property} has no binding; add it to {nameof(BindSection)}");
        }
    }

    private static void Strict(BinderOptions binder) => binder.ErrorOnUnknownConfiguration = true;

    private static PropertyInfo? SectionProperty(string key) =>
        typeof(DaemonOptions).GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);

    /// <summary>Every key under <paramref name="section"/> must name a settable property of <paramref name="type"/> and hold a value it accepts.</summary>
    /// <remarks>
    /// Reflection over the option types, which <see cref="Bind"/>'s <see cref="DynamicDependencyAttribute"/> list keeps
    /// whole in a trimmed build (a test walks the option graph and compares it with that list). Their properties are
    /// strings, numbers, booleans, enums, <see cref="TimeSpan"/> and nullable numbers, whose converters are built in.
    /// </remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Option types are kept by Bind's DynamicDependency list.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Option types are kept by Bind's DynamicDependency list.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Converters of primitive, enum, TimeSpan and Nullable<primitive> properties only.")]
    private static void CheckKeys(IConfigurationSection section, Type type, List<string> errors, List<string> rejected)
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            PropertyInfo? property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            bool hasChildren = child.GetChildren().Any();
            string? problem;
            if (property is null || property.GetIndexParameters().Length > 0)
            {
                problem = $"unknown configuration key '{child.Path}'";
            }
            else if (TypeDescriptor.GetConverter(property.PropertyType) is var converter && converter.CanConvertFrom(typeof(string)))
            {
                problem = property.SetMethod is not { IsPublic: true } ? $"{child.Path} cannot be set (it is derived from other keys)"
                    : hasChildren ? $"{child.Path} takes a value, not sub-keys"
                    : child.Value is { } value && !Converts(converter, property.PropertyType, value) ? $"{child.Path} must be {Expected(property.PropertyType)} (was '{value}')"
                    : null;
            }
            else if (!hasChildren && !string.IsNullOrEmpty(child.Value))
            {
                problem = $"{child.Path} is a section of keys, not a value (was '{child.Value}')";
            }
            else
            {
                CheckKeys(child, property.PropertyType, errors, rejected);
                problem = null;
            }

            if (problem is not null)
            {
                errors.Add(problem);
                rejected.Add(child.Path);
            }
        }
    }

    private static bool Converts(TypeConverter converter, Type type, string value)
    {
        if (value.Length == 0)
        {
            // An empty value clears a nullable or string key; for anything else it is a mistake (e.g. AUDIOEDGE__MQTT__PORT=).
            return type == typeof(string) || Nullable.GetUnderlyingType(type) is not null;
        }

        try
        {
            converter.ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException or InvalidCastException)
        {
            return false;
        }
    }

    private static string Expected(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(bool) ? "true or false"
            : t.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(t))
            : t == typeof(TimeSpan) ? "a time span such as 00:00:05"
            : t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) ? "a whole number"
            : t == typeof(double) || t == typeof(float) || t == typeof(decimal) ? "a number"
            : "a valid " + t.Name;
    }

    /// <summary>The configuration without the rejected keys (and everything under them).</summary>
    private static IConfigurationRoot Without(IConfiguration configuration, List<string> rejected) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.AsEnumerable().Where(entry => entry.Value is not null && !rejected.Any(path =>
                entry.Key.Equals(path, StringComparison.OrdinalIgnoreCase) || entry.Key.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase))))
            .Build();

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
