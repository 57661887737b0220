namespace AudioEdge.Dsp.Tests;

[TestFixture]
public sealed class FrontEndOptionsTests
{
    [Test]
    public void Defaults_are_the_products_and_valid()
    {
        FrontEndOptions o = FrontEndOptions.Default;
        Assert.That(o.Validate(), Is.Empty);
        Assert.That(o.Fingerprint(), Is.EqualTo("logmel/htk/hann-periodic sr=16000 win=400 hop=160 fft=512 mels=64 fmin=60 fmax=8000 floor=1E-10"));
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var o = new FrontEndOptions { FftSize = 500, HopLength = 0, MelBands = 0, MaxFrequency = 9000, LogFloor = 0 };
        IReadOnlyList<string> errors = o.Validate();
        Assert.That(errors, Has.Count.EqualTo(5));
        Assert.That(() => new LogMelFrontEnd(o), Throws.ArgumentException.With.Message.Contains("FftSize").And.Message.Contains("LogFloor"));
    }
}
