using AudioEdge.Synthesis.Speech;

namespace AudioEdge.Synthesis.Tests;

/// <summary>espeak-ng is optional: these tests run only where it is installed.</summary>
public class EspeakSpeechTests
{
    [Test]
    public void Speech_fills_the_duration_with_marked_utterances()
    {
        if (EspeakSpeech.FindExecutable() is null)
        {
            Assert.Ignore("espeak-ng is not installed.");
        }

        SynthesizedSound speech = EspeakSpeech.Generate(3, new Random(1));
        Assert.That(speech.Samples, Has.Length.EqualTo(48_000));
        Assert.That(speech.Segments, Is.Not.Empty);
        Assert.That(speech.Segments.Select(s => s.Kind), Has.All.EqualTo(SegmentKind.Distractor));
        Assert.That(speech.Samples.Max(Math.Abs), Is.InRange(0.2f, 0.8f));

        SynthesizedSound again = EspeakSpeech.Generate(3, new Random(1));
        Assert.That(again.Samples, Is.EqualTo(speech.Samples).AsCollection, "espeak-ng is deterministic for the same voice and text");
    }

    [Test]
    public void Without_espeak_the_error_says_how_to_install_it()
    {
        // A program name that exists nowhere stands for a machine without espeak-ng.
        var missing = new EspeakSpeechOptions { ExecutableNames = ["audioedge-no-such-espeak"] };
        Assert.That(EspeakSpeech.FindExecutable(missing.ExecutableNames), Is.Null);
        Assert.That(() => EspeakSpeech.Generate(1, new Random(1), missing), Throws.InvalidOperationException.With.Message.Contains("apt-get install espeak-ng"));
    }
}
