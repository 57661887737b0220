namespace AudioEdge.Mqtt.Tests;

public sealed class MqttOptionsTests
{
    [Test]
    public void The_defaults_are_valid()
    {
        var options = new MqttOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.Validate(), Is.Empty);
            Assert.That(options.EffectiveClientId("kitchen-1"), Is.EqualTo("audioedge-kitchen-1"));
        });
    }

    [Test]
    public void Every_problem_is_reported_at_once_naming_its_key()
    {
        var options = new MqttOptions
        {
            Host = "bad host",
            Port = 0,
            ClientId = "has space",
            Password = "secret-value",
            KeepAliveSeconds = 1,
            TimeoutSeconds = 0,
            TopicPrefix = "audio/+/edge",
            DiscoveryPrefix = "",
            ReconnectMinDelaySeconds = 0,
            ReconnectMaxDelaySeconds = 5000,
        };

        IReadOnlyList<string> errors = options.Validate();

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Count.EqualTo(10));
            Assert.That(errors, Has.One.StartsWith("Mqtt:Host "));
            Assert.That(errors, Has.One.EqualTo("Mqtt:Port must be 1..65535 (was 0)."));
            Assert.That(errors, Has.One.StartsWith("Mqtt:ClientId "));
            Assert.That(errors, Has.One.EqualTo("Mqtt:Password is set but Mqtt:Username is not."));
            Assert.That(errors, Has.One.EqualTo("Mqtt:KeepAliveSeconds must be 5..3600 (was 1)."));
            Assert.That(errors, Has.One.StartsWith("Mqtt:TimeoutSeconds "));
            Assert.That(errors, Has.One.StartsWith("Mqtt:TopicPrefix "));
            Assert.That(errors, Has.One.StartsWith("Mqtt:DiscoveryPrefix "));
            Assert.That(errors, Has.One.StartsWith("Mqtt:ReconnectMaxDelaySeconds "));
            Assert.That(errors, Has.One.StartsWith("Mqtt:ReconnectMinDelaySeconds "));
            Assert.That(string.Join(" ", errors), Does.Not.Contain("secret-value"), "secrets never appear in messages");
        });
    }

    [Test]
    public void Tls_files_must_exist_and_come_in_pairs()
    {
        var options = new MqttOptions
        {
            Tls = new MqttTlsOptions { Enabled = true, CaFile = "/nonexistent/ca.crt", ClientCertificateFile = "/nonexistent/client.crt" },
        };

        IReadOnlyList<string> errors = options.Validate();

        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "Mqtt:Tls:CaFile does not exist or is not readable (/nonexistent/ca.crt).",
            "Mqtt:Tls:ClientCertificateFile does not exist or is not readable (/nonexistent/client.crt).",
            "Mqtt:Tls:ClientCertificateFile and Mqtt:Tls:ClientKeyFile must be set together.",
        }));
    }

    [Test]
    public void A_certificate_without_tls_enabled_is_refused()
    {
        var options = new MqttOptions { Tls = new MqttTlsOptions { CaFile = "/etc/ssl/certs/ca.crt" } };

        Assert.That(options.Validate(), Is.EqualTo(new[]
        {
            "Mqtt:Tls:CaFile, ClientCertificateFile or ClientKeyFile is set but Mqtt:Tls:Enabled is false.",
        }));
    }

    [Test]
    public void Multi_level_prefixes_are_accepted()
    {
        var options = new MqttOptions { TopicPrefix = "home/audioedge", DiscoveryPrefix = "ha-test" };
        Assert.That(options.Validate(), Is.Empty);
    }
}
