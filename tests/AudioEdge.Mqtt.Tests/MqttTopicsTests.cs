namespace AudioEdge.Mqtt.Tests;

public sealed class MqttTopicsTests
{
    [Test]
    public void Every_topic_lives_under_prefix_and_device_id()
    {
        var topics = new MqttTopics("audioedge", "kitchen-1");
        Assert.Multiple(() =>
        {
            Assert.That(topics.Availability, Is.EqualTo("audioedge/kitchen-1/availability"));
            Assert.That(topics.Event, Is.EqualTo("audioedge/kitchen-1/event"));
            Assert.That(topics.State("smoke_alarm"), Is.EqualTo("audioedge/kitchen-1/smoke_alarm/state"));
            Assert.That(topics.Attributes("co_alarm"), Is.EqualTo("audioedge/kitchen-1/co_alarm/attributes"));
            Assert.That(topics.Problem, Is.EqualTo("audioedge/kitchen-1/problem"));
            Assert.That(topics.Telemetry, Is.EqualTo("audioedge/kitchen-1/telemetry"));
            Assert.That(topics.Command("hush"), Is.EqualTo("audioedge/kitchen-1/cmd/hush"));
            Assert.That(topics.CommandFilter, Is.EqualTo("audioedge/kitchen-1/cmd/+"));
            Assert.That(topics.Response("hush"), Is.EqualTo("audioedge/kitchen-1/cmd/hush/response"));
        });
    }

    [Test]
    public void Command_names_come_from_the_last_level_only()
    {
        var topics = new MqttTopics("audioedge", "kitchen-1");
        Assert.Multiple(() =>
        {
            Assert.That(topics.TryGetCommandName("audioedge/kitchen-1/cmd/hush"), Is.EqualTo("hush"));
            Assert.That(topics.TryGetCommandName("audioedge/kitchen-1/cmd/hush/response"), Is.Null, "our own responses are not commands");
            Assert.That(topics.TryGetCommandName("audioedge/kitchen-2/cmd/hush"), Is.Null);
            Assert.That(topics.TryGetCommandName("audioedge/kitchen-1/cmd/"), Is.Null);
        });
    }

    [TestCase("")]
    [TestCase("kitchen 1")]
    [TestCase("kitchen/1")]
    [TestCase("kitchen+")]
    [TestCase("küche")]
    public void Invalid_device_ids_are_refused(string deviceId)
    {
        Assert.That(() => new MqttTopics("audioedge", deviceId), Throws.ArgumentException);
    }

    [TestCase("")]
    [TestCase("/audioedge")]
    [TestCase("audioedge/")]
    [TestCase("a//b")]
    [TestCase("a/#")]
    public void Invalid_prefixes_are_refused(string prefix)
    {
        Assert.That(() => new MqttTopics(prefix, "kitchen-1"), Throws.ArgumentException);
    }

    [Test]
    public void Labels_must_be_single_levels()
    {
        var topics = new MqttTopics("audioedge", "kitchen-1");
        Assert.That(() => topics.State("smoke/alarm"), Throws.ArgumentException);
    }
}
