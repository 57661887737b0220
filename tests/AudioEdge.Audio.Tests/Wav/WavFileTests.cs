using AudioEdge.Audio.Tests.Support;
using AudioEdge.Audio.Wav;

namespace AudioEdge.Audio.Tests.Wav;

[TestFixture]
public sealed class WavFileTests
{
    [TestCase(8000)]
    [TestCase(44100)]
    [TestCase(48000)]
    [TestCase(16000)]
    public void ReadMono16k_downmixes_resamples_and_keeps_time(int rate)
    {
        // A 1 kHz tone in both channels of a stereo file must come out as a 1 kHz tone at 16 kHz with its phase
        // intact (sample n ↔ time n/16000), and the length must be the file's duration at 16 kHz.
        int frames = rate / 2;
        double[] tone = [.. Enumerable.Range(0, frames).Select(i => 0.5 * Math.Sin(2 * Math.PI * 1000 * i / rate))];
        byte[] file = TestWav.Riff(TestWav.Fmt(TestWav.IeeeFloat, 2, rate, 32), TestWav.Data(TestWav.Encode([tone, tone], true, 32)));
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"tone-{rate}-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, file);
        try
        {
            WavDecodeResult result = WavFile.ReadMono16k(path);
            int edge = 400;
            ToneFit fit = ToneFit.Measure(result.Samples.AsSpan(edge, result.Samples.Length - (2 * edge)), 1000, 16000, edge);
            Assert.Multiple(() =>
            {
                Assert.That(result.SampleRate, Is.EqualTo(16000));
                Assert.That(result.Format.SampleRate, Is.EqualTo(rate));
                Assert.That(result.Format.Channels, Is.EqualTo(2));
                Assert.That(result.Samples, Has.Length.EqualTo(((long)frames * 16000 + rate - 1) / rate));
                Assert.That(fit.Amplitude, Is.EqualTo(0.5).Within(0.001));
                Assert.That(fit.PhaseRadians, Is.EqualTo(0).Within(1e-3));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ReadMono16k_from_a_stream_matches_the_file_path()
    {
        byte[] file = WavWriter.ToBytes(Signals.Noise(5000, seed: 4), 22050);
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"noise-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, file);
        try
        {
            float[] fromStream = WavFile.ReadMono16k(new MemoryStream(file)).Samples;
            float[] fromPath = WavFile.ReadMono16k(path).Samples;
            Assert.That(fromStream, Is.EqualTo(fromPath));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_rate_no_reasonable_filter_can_convert_is_a_typed_error()
    {
        byte[] file = TestWav.Pcm16Mono(frames: 100, sampleRate: 95_999);
        Assert.That(() => WavFile.ReadMono16k(new MemoryStream(file)), Throws.TypeOf<InvalidAudioFileException>().With.Message.Contains("95999 Hz cannot be converted"));
    }
}
