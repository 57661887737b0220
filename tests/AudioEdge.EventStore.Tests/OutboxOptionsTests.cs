namespace AudioEdge.EventStore.Tests;

public sealed class OutboxOptionsTests
{
    [Test]
    public void The_defaults_are_valid()
    {
        var options = new OutboxOptions();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.Validate(), Is.Empty);
            Assert.That(options.Path, Is.EqualTo("/var/lib/audioedge/outbox.db"));
            Assert.That(options.MaxTelemetryMessages, Is.EqualTo(2016));
        }
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var options = new OutboxOptions { Path = "  ", MaxTelemetryMessages = -1 };

        IReadOnlyList<string> problems = options.Validate();

        Assert.That(problems, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problems[0], Does.StartWith("Outbox:Path "));
            Assert.That(problems[1], Is.EqualTo("Outbox:MaxTelemetryMessages must be 1..100000 (was -1)."));
        }
    }

    [TestCase("outbox.db", "absolute")]
    [TestCase("/var/lib/audioedge/", "not a directory")]
    [TestCase("/var/lib/audio\0edge/outbox.db", "NUL")]
    public void A_bad_path_is_reported(string path, string expected)
    {
        IReadOnlyList<string> problems = new OutboxOptions { Path = path }.Validate();

        Assert.That(problems, Has.Exactly(1).StartsWith("Outbox:Path ").And.Contains(expected));
    }

    [TestCase(1, true)]
    [TestCase(100_000, true)]
    [TestCase(0, false)]
    [TestCase(100_001, false)]
    public void The_telemetry_bound_has_a_range(int bound, bool valid)
    {
        IReadOnlyList<string> problems = new OutboxOptions { MaxTelemetryMessages = bound }.Validate();

        Assert.That(problems, valid ? Is.Empty : Has.Exactly(1).StartsWith("Outbox:MaxTelemetryMessages "));
    }
}
