using AudioEdge.Testing;
using AudioEdge.Audio.Sources;
using AudioEdge.Audio.Tests.Support;
using AudioEdge.Audio.Wav;

namespace AudioEdge.Audio.Tests.Sources;

[TestFixture]
public sealed class WavFileSourceTests
{
    [TestCase(44100, 2)]
    [TestCase(48000, 1)]
    [TestCase(8000, 1)]
    [TestCase(16000, 3)]
    public void Streams_exactly_what_ReadMono16k_returns_in_any_read_sizes(int rate, int channels)
    {
        byte[] file = TestWav.Riff(TestWav.Fmt(TestWav.Pcm, channels, rate, 16), TestWav.Data(TestWav.Encode(TestWav.Signals(channels, rate * 2, rate), false, 16)));
        float[] expected = WavFile.ReadMono16k(new MemoryStream(file)).Samples;

        using var source = new WavFileSource(new MemoryStream(file), "test.wav");
        List<float> collected = SourceReads.InRandomSizes(source, seed: rate, maxRead: 5000);
        var buffer = new float[5000];

        Assert.Multiple(() =>
        {
            Assert.That(collected, Is.EqualTo(expected));
            Assert.That(collected, Has.Count.EqualTo(32000));
            Assert.That(source.Read(buffer), Is.Zero, "stays at the end");
            Assert.That(source.Position, Is.EqualTo(32000));
            Assert.That(source.SampleRate, Is.EqualTo(16000));
            Assert.That(source.Description, Is.EqualTo("wav:test.wav"));
            Assert.That(source.SourceFormat.SampleRate, Is.EqualTo(rate));
            Assert.That(source.Statistics, Is.EqualTo(default(AudioSourceStatistics)));
        });
    }

    [Test]
    public void Opens_a_file_by_path_and_reports_decoder_warnings()
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"cut-{Guid.NewGuid():N}.wav");
        byte[] file = WavWriter.ToBytes(Signals.Sine(440, 22050, 22050, 0.5), 22050);
        File.WriteAllBytes(path, file[..^1001]);
        try
        {
            using var source = new WavFileSource(path);
            var buffer = new float[4096];
            long total = 0;
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                total += read;
            }

            Assert.Multiple(() =>
            {
                Assert.That(source.Description, Is.EqualTo("wav:" + Path.GetFileName(path)));
                Assert.That(total, Is.EqualTo(((22050 - 501) * 16000L + 22049) / 22050));
                Assert.That(source.Warnings, Has.One.Contains("truncated"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void An_invalid_file_throws_the_typed_exception_and_closes_the_stream()
    {
        var stream = new MemoryStream("RIFF....WAVEjunk"u8.ToArray());
        Assert.That(() => new WavFileSource(stream, "bad.wav"), Throws.TypeOf<InvalidAudioFileException>());
        Assert.That(stream.CanRead, Is.False, "disposed");
    }

    [Test]
    public void Reads_allocate_nothing()
    {
        byte[] file = WavWriter.ToBytes(Signals.Noise(480_000, seed: 1), 48000);
        using var source = new WavFileSource(new MemoryStream(file), "noise.wav");
        var buffer = new float[512];

        // Each round spans several decode blocks and buffer refills (the file holds 60 rounds).
        long allocated = SteadyState.MinimumAllocatedBytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                source.Read(buffer);
            }
        });

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Real_time_pacing_plays_the_file_as_if_live()
    {
        var clock = new ManualTimeProvider();
        byte[] file = WavWriter.ToBytes(Signals.Noise(16000, seed: 2), 16000);
        float[] expected = WavFile.ReadMono16k(new MemoryStream(file)).Samples;
        using var source = new WavFileSource(new MemoryStream(file), "live.wav", realTime: true, timeProvider: clock);
        var buffer = new float[1600];

        Task<int> read = Task.Run(() => source.Read(buffer));
        clock.WaitForArmedTimer();
        Assert.That(read.Wait(50), Is.False, "not due at t = 0");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(read.Wait(5000), Is.True);
        Assert.That(read.Result, Is.EqualTo(1600));
        Assert.That(buffer, Is.EqualTo(expected[..1600]));

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.That(() => source.Read(buffer, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());

        clock.Advance(TimeSpan.FromSeconds(1));
        var rest = new List<float>();
        int count;
        while ((count = source.Read(buffer)) > 0)
        {
            rest.AddRange(buffer.AsSpan(0, count));
        }

        Assert.That(rest, Is.EqualTo(expected[1600..]), "the cancelled read lost nothing");
    }

    [Test]
    public void Reading_after_dispose_throws()
    {
        var source = new WavFileSource(new MemoryStream(WavWriter.ToBytes(new float[100], 16000)), "x");
        source.Dispose();
        source.Dispose();
        Assert.That(() => source.Read(new float[10]), Throws.TypeOf<ObjectDisposedException>());
    }
}
