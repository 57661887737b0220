using System.Text.RegularExpressions;
using AudioEdge.Daemon.Configuration;
using Microsoft.Extensions.Configuration;

namespace AudioEdge.Daemon.Tests;

public sealed class DaemonConfigurationTests
{
    private TemporaryDirectory _directory = null!;
    private string _wav = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = new TemporaryDirectory();
        // Audio:Source=File needs an existing file; its content does not matter to binding.
        _wav = _directory.File("input.wav");
        File.WriteAllBytes(_wav, [0]);
    }

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    [Test]
    public void FileThenEnvironmentThenSetOverrides()
    {
        string file = WriteJson("""
            {
              "Device": { "Id": "from-file", "Name": "File name" },
              "Mqtt": { "Host": "file-broker", "Port": 1884, "KeepAliveSeconds": 20 },
              "Telemetry": { "IntervalSeconds": 600 }
            }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["AUDIOEDGE__MQTT__HOST"] = "env-broker",
            ["AUDIOEDGE__MQTT__PORT"] = "1885",
            ["AUDIOEDGE__DEVICE__NAME"] = "Env name",
            ["OTHER__MQTT__HOST"] = "ignored",
            ["PATH"] = "/usr/bin",
        };

        DaemonOptions options = DaemonConfiguration.Bind(DaemonConfiguration.Build(file, [.. FileSource(), "Mqtt:Port=1886"], environment));

        Assert.Multiple(() =>
        {
            Assert.That(options.Device.Id, Is.EqualTo("from-file"), "file only");
            Assert.That(options.Device.Name, Is.EqualTo("Env name"), "environment beats the file");
            Assert.That(options.Mqtt.Host, Is.EqualTo("env-broker"), "environment beats the file");
            Assert.That(options.Mqtt.Port, Is.EqualTo(1886), "--set beats environment and file");
            Assert.That(options.Mqtt.KeepAliveSeconds, Is.EqualTo(20), "file only");
            Assert.That(options.Telemetry.IntervalSeconds, Is.EqualTo(600), "file only");
            Assert.That(options.Audio.Source, Is.EqualTo(AudioSourceKind.File), "--set only");
            Assert.That(options.Metrics.Port, Is.EqualTo(9465), "default");
        });
    }

    [Test]
    public void KeysAreCaseInsensitive()
    {
        var environment = new Dictionary<string, string?> { ["audioedge__mqtt__host"] = "lower-case" };

        DaemonOptions options = DaemonConfiguration.Bind(DaemonConfiguration.Build(EmptyFile(), [.. FileSource(), "mqtt:topicprefix=home"], environment));

        Assert.Multiple(() =>
        {
            Assert.That(options.Mqtt.Host, Is.EqualTo("lower-case"));
            Assert.That(options.Mqtt.TopicPrefix, Is.EqualTo("home"));
        });
    }

    [Test]
    public void UnknownSectionIsAnError()
    {
        var exception = BindFails("Mqqt:Host=broker");

        Assert.That(exception.Problems, Has.Count.EqualTo(1));
        Assert.That(exception.Problems[0], Does.Contain("Mqqt"));
    }

    [Test]
    public void UnknownKeyIsAnError()
    {
        var exception = BindFails("Mqtt:Hots=broker");

        Assert.That(exception.Problems, Has.Count.EqualTo(1));
        Assert.That(exception.Problems[0], Does.Contain("Mqtt").And.Contain("Hots"));
    }

    [Test]
    public void ValueOfTheWrongTypeIsAnError()
    {
        var exception = BindFails("Mqtt:Port=abc");

        Assert.That(exception.Problems, Has.Count.EqualTo(1));
        Assert.That(exception.Problems[0], Does.Contain("Mqtt:Port").And.Contain("abc"));
        Assert.That(exception.Problems[0], Does.Not.Contain("\n"));
    }

    [Test]
    public void EveryProblemIsReportedAtOnce()
    {
        var exception = BindFails(
            "Mqtt:Hots=broker", "Mqtt:Port=abc", "Nonsense:Key=1", "Metrics:Port=0", "Telemetry:IntervalSeconds=5", "Device:Id=no spaces",
            "Gpio:OutputPin=-3", "Hush:ButtonMinutes=999");

        string all = string.Join(Environment.NewLine, exception.Problems);
        Assert.Multiple(() =>
        {
            Assert.That(all, Does.Contain("Hots"), all);
            Assert.That(all, Does.Contain("abc"), all);
            Assert.That(all, Does.Contain("Nonsense"), all);
            Assert.That(all, Does.Contain("Metrics:Port"), all);
            Assert.That(all, Does.Contain("Telemetry:IntervalSeconds").Or.Contain("IntervalSeconds"), all);
            Assert.That(all, Does.Contain("Device:Id"), all);
            Assert.That(all, Does.Contain("Gpio:OutputPin"), all);
            Assert.That(all, Does.Contain("Hush:ButtonMinutes"), all);
            Assert.That(exception.Problems, Has.All.Not.Contain("\n"));
            Assert.That(exception.Problems, Has.Count.EqualTo(8), all);
        });
    }

    [Test]
    public void NestedKeysAreCheckedToo()
    {
        var exception = BindFails(
            "Audio:Alsa:Devise=hw:1", "Audio:Alsa:RetryMinDelay=soon", "Mqtt:Tls=yes", "Mqtt:Port=", "Device:DisplayName=Kitchen", "Gpio:ButtonActiveLow=maybe");

        string all = string.Join(Environment.NewLine, exception.Problems);
        Assert.Multiple(() =>
        {
            Assert.That(all, Does.Contain("unknown configuration key 'Audio:Alsa:Devise'"), all);
            Assert.That(all, Does.Contain("Audio:Alsa:RetryMinDelay must be a time span"), all);
            Assert.That(all, Does.Contain("Mqtt:Port must be a whole number (was '')"), all);
            Assert.That(all, Does.Contain("Mqtt:Tls is a section of keys, not a value (was 'yes')"), all);
            Assert.That(all, Does.Contain("Device:DisplayName cannot be set"), all);
            Assert.That(all, Does.Contain("Gpio:ButtonActiveLow must be true or false (was 'maybe')"), all);
        });
    }

    [Test]
    public void KeysThatAreFineAreStillValidatedNextToBadOnes()
    {
        // Mqtt:Port is wrong; Mqtt:KeepAliveSeconds, in the same section, is bound and validated all the same.
        var exception = BindFails("Mqtt:Port=abc", "Mqtt:KeepAliveSeconds=0");

        Assert.That(exception.Problems, Has.Count.EqualTo(2), string.Join(" | ", exception.Problems));
        Assert.That(exception.Problems[1], Does.Contain("Mqtt:KeepAliveSeconds"));
    }

    [Test]
    public void ValidationProblemsOfEverySectionAreReportedTogether()
    {
        var exception = BindFails("Metrics:Port=70000", "Model:Threads=0", "Mqtt:Port=0");

        Assert.That(exception.Problems, Has.Count.EqualTo(3), string.Join(" | ", exception.Problems));
        Assert.That(exception.Message, Does.Contain("Metrics:Port").And.Contain("Model:Threads").And.Contain("Mqtt:Port"));
    }

    [Test]
    public void MalformedJsonIsOneLineNamingTheFile()
    {
        string file = WriteJson("{ \"Mqtt\": { \"Host\": \"broker\", } ,, }");

        var exception = Assert.Throws<DaemonConfigurationException>(() => DaemonConfiguration.Build(file, [], new Dictionary<string, string?>()));

        Assert.That(exception!.Problems, Has.Count.EqualTo(1));
        Assert.That(exception.Problems[0], Does.Contain(Path.GetFileName(file)));
        Assert.That(exception.Problems[0], Does.Not.Contain("\n").And.Not.Contain("\r"));
    }

    [Test]
    public void MissingExplicitFileIsAnError()
    {
        string file = _directory.File("absent.json");

        var exception = Assert.Throws<DaemonConfigurationException>(() => DaemonConfiguration.Build(file, [], new Dictionary<string, string?>()));

        Assert.That(exception!.Problems.Single(), Does.Contain(file));
    }

    [Test]
    public void SetWithoutEqualsIsAnError()
    {
        var exception = Assert.Throws<DaemonConfigurationException>(
            () => DaemonConfiguration.Build(EmptyFile(), ["Mqtt:Host", "=value", "Mqtt:Port=1883"], new Dictionary<string, string?>()));

        Assert.That(exception!.Problems, Has.Count.EqualTo(2));
        Assert.That(exception.Problems[0], Does.Contain("Mqtt:Host"));
        Assert.That(exception.Problems[1], Does.Contain("=value"));
    }

    [Test]
    public void SetValueMayContainEquals()
    {
        DaemonOptions options = DaemonConfiguration.Bind(
            DaemonConfiguration.Build(EmptyFile(), [.. FileSource(), "Mqtt:Username=user", "Mqtt:Password=a=b=c"], new Dictionary<string, string?>()));

        Assert.That(options.Mqtt.Password, Is.EqualTo("a=b=c"));
    }

    [Test]
    public void DeviceIdDefaultsToTheSanitisedHostName()
    {
        string expected = Regex.Replace(Environment.MachineName, "[^a-zA-Z0-9_-]", "-").Trim('-');
        expected = expected.Length == 0 ? "audioedge" : expected[..Math.Min(64, expected.Length)];

        DaemonOptions options = DaemonConfiguration.Bind(DaemonConfiguration.Build(EmptyFile(), FileSource(), new Dictionary<string, string?>()));

        Assert.That(options.Device.Id, Is.EqualTo(expected));
        Assert.That(options.Device.Id, Does.Match("^[a-zA-Z0-9_-]{1,64}$"));
        Assert.That(options.Device.DisplayName, Is.EqualTo($"AudioEdge {expected}"));
    }

    [Test]
    public void OutboxDefaultsToTheSystemdStateDirectory()
    {
        string? before = Environment.GetEnvironmentVariable("STATE_DIRECTORY");
        try
        {
            // systemd may pass several directories separated by ':'; the first is ours.
            Environment.SetEnvironmentVariable("STATE_DIRECTORY", $"{_directory.Path}:/var/lib/other");
            Assert.That(new DaemonOptions().Outbox.Path, Is.EqualTo(Path.Combine(_directory.Path, "outbox.db")));

            Environment.SetEnvironmentVariable("STATE_DIRECTORY", null);
            Assert.That(new DaemonOptions().Outbox.Path, Is.EqualTo("/var/lib/audioedge/outbox.db"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("STATE_DIRECTORY", before);
        }
    }

    [Test]
    public void LoggingSectionIsLeftToTheLoggingFramework()
    {
        string file = WriteJson("""{ "Logging": { "LogLevel": { "Default": "Warning" } } }""");

        Assert.DoesNotThrow(() => DaemonConfiguration.Bind(DaemonConfiguration.Build(file, FileSource(), new Dictionary<string, string?>())));
    }

    [Test]
    public void EverySectionHasATypedBinding()
    {
        // Bind calls the source-generated binder once per section by name; a section added to DaemonOptions without
        // its line there would be reported as a configuration error on every device that sets one of its keys.
        var defaults = new DaemonOptions();
        var checkedSections = new List<string>();
        foreach (System.Reflection.PropertyInfo section in typeof(DaemonOptions).GetProperties())
        {
            object value = section.GetValue(defaults)!;
            System.Reflection.PropertyInfo? key = value.GetType().GetProperties().FirstOrDefault(p =>
                p.SetMethod is { IsPublic: true } && (p.PropertyType.IsPrimitive || p.PropertyType == typeof(string)) && p.GetValue(value) is not null);
            Assert.That(key, Is.Not.Null, $"{section.Name} has a key with a default value to set again");
            string setting = $"{section.Name}:{key!.Name}={Convert.ToString(key.GetValue(value), System.Globalization.CultureInfo.InvariantCulture)}";
            IConfigurationRoot configuration = DaemonConfiguration.Build(EmptyFile(), [.. FileSource(), setting], new Dictionary<string, string?>());
            try
            {
                DaemonConfiguration.Bind(configuration);
            }
            catch (DaemonConfigurationException ex)
            {
                Assert.That(ex.Message, Does.Not.Contain("has no binding"), setting);
            }

            checkedSections.Add(section.Name);
        }

        Assert.That(checkedSections, Has.Count.EqualTo(9));
    }

    [Test]
    public void EveryOptionTypeTheKeyCheckReflectsOverIsKeptForNativeAot()
    {
        // The packaged build is NativeAOT: an option class missing from Bind's [DynamicDependency] list loses its
        // properties to trimming, and on a device every key under it would be "unknown". Walk the option graph the
        // way the key check does and compare it with the list.
        var reachable = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(DaemonOptions)]);
        while (pending.TryPop(out Type? type))
        {
            if (!reachable.Add(type))
            {
                continue;
            }

            foreach (System.Reflection.PropertyInfo property in type.GetProperties())
            {
                Type t = property.PropertyType;
                if (t.IsClass && t != typeof(string) && t.Namespace?.StartsWith("AudioEdge", StringComparison.Ordinal) == true)
                {
                    pending.Push(t);
                }
            }
        }

        var kept = typeof(DaemonConfiguration).GetMethod(nameof(DaemonConfiguration.Bind))!
            .GetCustomAttributes(typeof(System.Diagnostics.CodeAnalysis.DynamicDependencyAttribute), inherit: false)
            .Cast<System.Diagnostics.CodeAnalysis.DynamicDependencyAttribute>()
            .Select(a => a.Type)
            .ToHashSet();

        Assert.That(reachable, Has.Count.GreaterThan(10), "the walk found the option graph");
        Assert.That(kept, Is.EquivalentTo(reachable));
    }

    private DaemonConfigurationException BindFails(params string[] overrides)
    {
        IConfigurationRoot configuration = DaemonConfiguration.Build(EmptyFile(), [.. FileSource(), .. overrides], new Dictionary<string, string?>());
        var exception = Assert.Throws<DaemonConfigurationException>(() => DaemonConfiguration.Bind(configuration));
        return exception!;
    }

    // An explicit but empty file, so that a /etc/audioedge/audioedge.json on the test machine cannot leak in.
    private string EmptyFile() => WriteJson("{}");

    private string[] FileSource() => ["Audio:Source=File", $"Audio:File={_wav}"];

    private string WriteJson(string json)
    {
        string path = _directory.File($"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
