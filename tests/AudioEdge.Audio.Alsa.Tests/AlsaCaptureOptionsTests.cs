namespace AudioEdge.Audio.Alsa.Tests;

[TestFixture]
public sealed class AlsaCaptureOptionsTests
{
    [Test]
    public void TheDefaultsAreValid()
    {
        Assert.That(new AlsaCaptureOptions().Validate(), Is.Empty);
    }

    [Test]
    public void ValidateReportsEveryProblemAtOnce()
    {
        var options = new AlsaCaptureOptions
        {
            Device = " ",
            Channels = 1,
            ChannelSelection = AlsaChannelSelection.Right,
            SampleRate = 1_000,
            PeriodFrames = 1_024,
            BufferFrames = 1_024,
            RingCapacity = 10,
            RetryMinDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.FromSeconds(-1),
            StallTimeout = TimeSpan.FromMilliseconds(10),
            FailureMode = (AlsaFailureMode)7,
        };

        IReadOnlyList<string> problems = options.Validate();

        Assert.That(problems, Has.Count.EqualTo(9));
        Assert.That(problems, Has.Some.Contains("Device"));
        Assert.That(problems, Has.Some.Contains("Right needs at least 2 channels"));
        Assert.That(problems, Has.Some.Contains("busy loop"));
    }

    [Test]
    public void ARateTheResamplerCannotTakeIsRejected()
    {
        var options = new AlsaCaptureOptions { SampleRate = 383_999 };

        Assert.That(options.Validate(), Has.One.Contains("383999 Hz cannot be resampled to 16 kHz"));
    }

    [Test]
    public void TheSourceRejectsInvalidOptionsListingAllProblems()
    {
        var options = new AlsaCaptureOptions { Channels = 0, PeriodFrames = 1 };

        Assert.That(
            () => new AlsaCaptureSource(options),
            Throws.ArgumentException.With.Message.Contains("Channels must be").And.Message.Contains("PeriodFrames must be"));
    }

    [Test]
    public void TheSourceKeepsItsOwnCopyOfTheOptions()
    {
        var options = new AlsaCaptureOptions { Device = "hw:1,0" };
        using var source = new AlsaCaptureSource(options);

        options.Device = "hw:2,0";

        Assert.That(source.Description, Is.EqualTo("alsa:hw:1,0"));
    }
}
