using System.Text.Json;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// Commands from the network are strictly validated: anything malformed or unknown is refused with a reply on the
/// command's response topic, and the daemon carries on (a valid command afterwards still works).
/// </summary>
[TestFixture]
public sealed class CommandTests
{
    private const string Device = "e2e-cmd";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Malformed_and_unknown_commands_get_a_refusal_and_the_daemon_still_answers_a_valid_self_test()
    {
        using var scratch = new ScratchDirectory();
        string silence = TestAudio.SilentWav(scratch.File("silence.wav"), 1);
        using var broker = new MosquittoBroker();
        broker.Start();
        await using MqttTestSubscriber client = await MqttTestSubscriber.ConnectAsync(broker, [$"audioedge/{Device}/cmd/+/response"]);
        DaemonSettings settings = DaemonSettings.ForFile(Device, scratch.Folder("state"), broker, silence, exitAtEnd: false);
        using DaemonProcess daemon = DaemonProcess.Start(settings.RunArguments(), scratch.Path);

        // Commands sent before the daemon subscribed would simply be lost: wait for mosquitto to log the subscription
        // ("<client id> <qos> <filter>"; the test's own subscription to the responses looks alike but for the client id).
        string subscribed = $"audioedge-{Device} 1 audioedge/{Device}/cmd/+";
        await daemon.WaitUntilAsync(
            () => broker.ReadLog().Split('\n').Any(l => l.TrimEnd().EndsWith(subscribed, StringComparison.Ordinal)), "the daemon's subscription to its command topics", Timeout);

        JsonElement textMinutes = await SendAsync(client, "hush", """{"minutes":"x","request_id":"r1"}"""u8.ToArray(), 1);
        JsonElement tooManyMinutes = await SendAsync(client, "hush", """{"minutes":999,"request_id":"r2"}"""u8.ToArray(), 2);
        JsonElement garbage = await SendAsync(client, "hush", [0xff, 0xfe, 0x00, 0x9c, 0x7b], 3);
        JsonElement unknown = await SendAsync(client, "explode", """{"request_id":"r4"}"""u8.ToArray(), 1);

        Assert.Multiple(() =>
        {
            AssertRefused(textMinutes, "hush", "r1");
            AssertRefused(tooManyMinutes, "hush", "r2");
            Assert.That(tooManyMinutes.GetProperty("message").GetString(), Does.Contain("minutes"));
            AssertRefused(garbage, "hush", null);
            AssertRefused(unknown, "explode", "r4");
            Assert.That(unknown.GetProperty("message").GetString(), Does.Contain("unknown command"));
        });
        Assert.That(daemon.HasExited, Is.False, "bad commands do not stop the daemon");
        Assert.That(daemon.CountErrorLines(l => l.Contains("Rejected command", StringComparison.Ordinal)), Is.EqualTo(4), "each refusal is logged");

        JsonElement selfTest = await SendAsync(client, "self_test", """{"request_id":"r5"}"""u8.ToArray(), 1);
        Assert.That(selfTest.GetProperty("ok").GetBoolean(), Is.True, selfTest.ToString());
        Assert.That(selfTest.GetProperty("request_id").GetString(), Is.EqualTo("r5"));
        Assert.That(selfTest.GetProperty("message").GetString(), Does.Contain("self-test passed"));

        daemon.Terminate();
        Assert.That(await daemon.WaitForExitAsync(Timeout), Is.Zero, daemon.Error);
    }

    /// <summary>Publishes on cmd/<paramref name="name"/> and returns the <paramref name="nth"/> reply on its response topic.</summary>
    private static async Task<JsonElement> SendAsync(MqttTestSubscriber client, string name, byte[] payload, int nth)
    {
        string response = $"audioedge/{Device}/cmd/{name}/response";
        await client.PublishAsync($"audioedge/{Device}/cmd/{name}", payload);
        IReadOnlyList<MqttReceivedMessage> replies = await client.WaitForAsync(m => m.Count(x => x.Topic == response) >= nth, $"reply {nth} on {response}", Timeout);
        MqttReceivedMessage reply = replies.Where(x => x.Topic == response).ElementAt(nth - 1);
        Assert.That(reply.Retain, Is.False, $"responses are not retained: {reply}");
        using JsonDocument json = JsonDocument.Parse(reply.Payload);
        Assert.That(json.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "command", "request_id", "ok", "message" }), reply.Text);
        return json.RootElement.Clone();
    }

    private static void AssertRefused(JsonElement reply, string command, string? requestId)
    {
        Assert.That(reply.GetProperty("command").GetString(), Is.EqualTo(command), reply.ToString());
        Assert.That(reply.GetProperty("ok").GetBoolean(), Is.False, reply.ToString());
        Assert.That(reply.GetProperty("request_id").GetString(), Is.EqualTo(requestId), reply.ToString());
        Assert.That(reply.GetProperty("message").GetString(), Is.Not.Empty, reply.ToString());
    }
}
