using System.Security.Cryptography.X509Certificates;
using AudioEdge.Testing;

namespace AudioEdge.Mqtt.Tests;

/// <summary>The shared fixture itself: other suites rely on these properties of it.</summary>
public sealed class MosquittoBrokerTests
{
    [Test]
    public async Task Restart_keeps_the_port_and_retained_messages()
    {
        using var broker = new MosquittoBroker();
        broker.Start();
        int port = broker.Port;
        await using (var publisher = await MqttTestSubscriber.ConnectAsync(broker, "unused/#"))
        {
            await publisher.PublishAsync("fixture/retained", "kept", retain: true);
        }

        broker.Restart();
        await using var reader = await MqttTestSubscriber.ConnectAsync(broker, "fixture/#");
        IReadOnlyList<MqttReceivedMessage> messages = await reader.WaitForAsync(m => m.Count == 1, "the retained message");
        Assert.Multiple(() =>
        {
            Assert.That(broker.Port, Is.EqualTo(port));
            Assert.That(broker.IsRunning, Is.True);
            Assert.That(messages[0].Text, Is.EqualTo("kept"));
            Assert.That(messages[0].Retain, Is.True);
        });
    }

    [Test]
    public void Stop_and_dispose_remove_everything()
    {
        var broker = new MosquittoBroker();
        broker.Start();
        broker.Stop();
        Assert.That(broker.IsRunning, Is.False);
        broker.Dispose();
        Assert.That(Directory.Exists(broker.Directory), Is.False);
    }

    [Test]
    public void Certificates_chain_to_their_own_ca_only()
    {
        using var pki = TestCertificates.Create();
        using var other = TestCertificates.Create("Other CA");
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(pki.CaCertificateFile));
        using var otherCa = X509Certificate2.CreateFromPem(File.ReadAllText(other.CaCertificateFile));
        using var server = X509Certificate2.CreateFromPemFile(pki.ServerCertificateFile, pki.ServerKeyFile);
        using var client = X509Certificate2.CreateFromPemFile(pki.ClientCertificateFile, pki.ClientKeyFile);
        Assert.Multiple(() =>
        {
            Assert.That(Builds(server, ca), Is.True);
            Assert.That(Builds(client, ca), Is.True);
            Assert.That(Builds(server, otherCa), Is.False);
            Assert.That(server.HasPrivateKey && client.HasPrivateKey, Is.True);
            Assert.That(client.GetNameInfo(X509NameType.SimpleName, false), Is.EqualTo(TestCertificates.ClientCommonName));
        });
    }

    private static bool Builds(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
