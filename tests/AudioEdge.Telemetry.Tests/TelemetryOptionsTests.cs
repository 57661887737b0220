namespace AudioEdge.Telemetry.Tests;

[TestFixture]
public sealed class TelemetryOptionsTests
{
    [Test]
    public void Defaults_are_valid_and_as_documented()
    {
        var options = new TelemetryOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.Validate(), Is.Empty);
            Assert.That(options.Enabled, Is.True);
            Assert.That(options.IntervalSeconds, Is.EqualTo(300));
            Assert.That(options.Epsilon, Is.EqualTo(1.0));
            Assert.That(options.SpectralProfileEnabled, Is.True);
        });
    }

    [Test]
    public void Every_problem_is_reported_at_once_naming_its_key()
    {
        var options = new TelemetryOptions { IntervalSeconds = 29, Epsilon = 0 };
        IReadOnlyList<string> problems = options.Validate();
        Assert.That(problems, Is.EqualTo(new[]
        {
            "Telemetry:IntervalSeconds must be 30..86400 (was 29).",
            "Telemetry:Epsilon must be 0.01..10 (was 0).",
        }));
    }

    [TestCase(30, 0.01)]
    [TestCase(86_400, 10.0)]
    public void The_range_ends_are_accepted(int interval, double epsilon) =>
        Assert.That(new TelemetryOptions { IntervalSeconds = interval, Epsilon = epsilon }.Validate(), Is.Empty);

    [TestCase(86_401, 1.0, "Telemetry:IntervalSeconds")]
    [TestCase(300, 10.001, "Telemetry:Epsilon")]
    [TestCase(300, double.NaN, "Telemetry:Epsilon")]
    [TestCase(300, double.PositiveInfinity, "Telemetry:Epsilon")]
    public void Out_of_range_values_are_rejected(int interval, double epsilon, string key)
    {
        IReadOnlyList<string> problems = new TelemetryOptions { IntervalSeconds = interval, Epsilon = epsilon }.Validate();
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith(key + " must be"));
    }
}
