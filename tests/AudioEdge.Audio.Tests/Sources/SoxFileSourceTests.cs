using AudioEdge.Testing;
using AudioEdge.Audio.Sources;
using AudioEdge.Audio.Tests.Support;
using AudioEdge.Audio.Wav;

namespace AudioEdge.Audio.Tests.Sources;

/// <summary>
/// Recordings in other formats, decoded by the real sox (the test command installs it): the same samples as the
/// WAV path, and one-line errors for what sox cannot read.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SoxFileSourceTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"sox-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase(44100, 2)]
    [TestCase(16000, 1)]
    public void A_flac_file_streams_exactly_the_samples_of_the_same_audio_as_wav(int rate, int channels)
    {
        byte[] wav = TestWav.Riff(TestWav.Fmt(TestWav.Pcm, channels, rate, 16), TestWav.Data(TestWav.Encode(TestWav.Signals(channels, rate * 2, rate), false, 16)));
        string wavPath = Write("audio.wav", wav);
        string flacPath = Path.Combine(_directory, "audio.flac");
        SoxConvert.Run(wavPath, flacPath);
        float[] expected = WavFile.ReadMono16k(wavPath).Samples;

        using var source = new SoxFileSource(flacPath);
        List<float> collected = SourceReads.InRandomSizes(source, seed: rate, maxRead: 5000);
        var buffer = new float[5000];

        Assert.Multiple(() =>
        {
            Assert.That(collected, Is.EqualTo(expected), "FLAC is lossless and the downmix and resampling are the WAV path's");
            Assert.That(collected, Has.Count.EqualTo(32000));
            Assert.That(source.Read(buffer), Is.Zero, "stays at the end");
            Assert.That(source.Position, Is.EqualTo(32000));
            Assert.That(source.DeclaredSeconds, Is.EqualTo(2.0).Within(1e-9));
            Assert.That(source.DecodedFormat.SampleRate, Is.EqualTo(rate));
            Assert.That(source.DecodedFormat.Channels, Is.EqualTo(channels));
            Assert.That(source.Description, Is.EqualTo("sox:audio.flac"));
            Assert.That(source.Warnings, Is.Empty);
        });
    }

    [Test]
    public void Open_reads_wav_content_itself_under_any_name_and_hands_everything_else_to_sox()
    {
        byte[] wav = WavWriter.ToBytes(Signals.Sine(440, 16000, 16000, 0.5), 16000);
        string wavUnderOtherName = Write("recording.flac", wav);
        string flac = Path.Combine(_directory, "real.flac");
        SoxConvert.Run(Write("source.wav", wav), flac);

        using AudioFileSource first = AudioFileSource.Open(wavUnderOtherName);
        using AudioFileSource second = AudioFileSource.Open(flac);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.InstanceOf<WavFileSource>());
            Assert.That(second, Is.InstanceOf<SoxFileSource>());
            Assert.That(second.ReadToEnd(), Is.EqualTo(first.ReadToEnd()));
        });
    }

    [Test]
    public void A_broken_wav_file_gets_the_wav_decoders_message_not_sox_s()
    {
        string path = Write("broken.wav", "not audio"u8.ToArray());

        var ex = Assert.Throws<InvalidAudioFileException>(() => AudioFileSource.Open(path).Dispose());

        Assert.That(ex.Message, Does.StartWith(path).And.Contain("not a RIFF file"));
    }

    [Test]
    public void What_sox_cannot_decode_is_one_line_naming_the_file()
    {
        string path = Write("text.flac", "hello, not a flac file\n"u8.ToArray());

        var ex = Assert.Throws<InvalidAudioFileException>(() => AudioFileSource.Open(path).Dispose());

        Assert.That(ex.Message, Does.StartWith($"{path}: sox cannot decode it (exit 2): "));
        Assert.That(ex.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void A_sample_rate_the_resampler_cannot_take_is_the_resampler_s_message_and_sox_is_stopped()
    {
        // 99 991 Hz (a prime) to 16 kHz needs a filter of 99 991 phases. sox decodes it happily and is still writing
        // when we give up on its output: the error must come at once, be ours, and leave no sox behind.
        string flac = Path.Combine(_directory, "odd.flac");
        SoxConvert.Run(Write("odd.wav", WavWriter.ToBytes(Signals.Noise(99991 * 3, seed: 7), 99991)), flac);

        var ex = Assert.Throws<InvalidAudioFileException>(() => new SoxFileSource(flac).Dispose());

        Assert.That(ex.Message, Is.EqualTo($"{flac}: the sample rate 99991 Hz cannot be converted to 16000 Hz (the rational ratio needs too large a filter)."));
        Assert.That(ProcessesReading(flac), Is.Empty);
    }

    [Test]
    public void A_flac_file_that_breaks_off_delivers_what_was_decoded_with_sox_s_warnings()
    {
        string flac = Path.Combine(_directory, "whole.flac");
        SoxConvert.Run(Write("source.wav", WavWriter.ToBytes(Signals.Noise(16000 * 4, seed: 3), 16000)), flac);
        byte[] whole = File.ReadAllBytes(flac);
        string cut = Write("cut.flac", whole[..(whole.Length / 2)]);

        using var source = new SoxFileSource(cut);
        float[] samples = source.ReadToEnd();

        Assert.Multiple(() =>
        {
            Assert.That(samples.Length, Is.InRange(16000, 16000 * 3), "about the first half");
            Assert.That(source.Warnings, Is.Not.Empty);
            Assert.That(source.Warnings, Has.All.StartWith("sox: "));
        });
    }

    [Test]
    public void Without_sox_the_error_says_what_to_install()
    {
        string path = Write("a.flac", [1, 2, 3, 4]);

        var ex = Assert.Throws<InvalidAudioFileException>(() => new SoxFileSource(path, soxExecutable: Path.Combine(_directory, "no-sox")).Dispose());

        Assert.That(ex.Message, Does.StartWith($"{path}: not a WAV file").And.EndWith("apt-get install sox"));
    }

    [Test]
    public void A_decoder_that_fails_part_way_raises_after_the_audio_it_delivered()
    {
        // Real sox exits 0 on every damaged file tried (it warns and stops), so a stand-in script plays a sox that
        // writes a valid WAV header and a second of audio, then fails: the path the real one takes on an I/O error.
        byte[] wav = WavWriter.ToBytes(Signals.Sine(440, 16000, 16000, 0.5), 16000);
        string partial = Write("partial.wav", wav);
        string script = Write("failing-sox", System.Text.Encoding.ASCII.GetBytes(
            $"#!/bin/sh\ncat '{partial}'\necho 'sox FAIL formats: read error on the device' >&2\nexit 2\n"));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        string input = Write("input.flac", [0]);

        using var source = new SoxFileSource(input, soxExecutable: script);
        var buffer = new float[4000];
        long delivered = 0;
        InvalidAudioFileException? failure = null;
        try
        {
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                delivered += read;
            }
        }
        catch (InvalidAudioFileException ex)
        {
            failure = ex;
        }

        Assert.That(delivered, Is.EqualTo(16000), "everything before the failure");
        Assert.That(failure?.Message, Is.EqualTo($"{input}: sox cannot decode it (exit 2): formats: read error on the device"));
    }

    [Test]
    public void Disposing_part_way_stops_sox()
    {
        string flac = Path.Combine(_directory, "long.flac");
        SoxConvert.Run(Write("long.wav", WavWriter.ToBytes(Signals.Noise(16000 * 60, seed: 5), 16000)), flac);
        var source = new SoxFileSource(flac);
        Assert.That(source.Read(new float[1000]), Is.EqualTo(1000));
        Assert.That(ProcessesReading(flac), Is.Not.Empty, "sox is still decoding (the pipe is full)");

        source.Dispose();

        Assert.That(ProcessesReading(flac), Is.Empty);
        Assert.That(() => source.Read(new float[10]), Throws.InstanceOf<ObjectDisposedException>());
    }

    /// <summary>Live processes whose command line names <paramref name="path"/> (Linux /proc).</summary>
    private static List<int> ProcessesReading(string path)
    {
        var found = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out int pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(path, StringComparison.Ordinal))
                    {
                        found.Add(pid);
                    }
                }
                catch (IOException)
                {
                    // The process ended while we looked.
                }
            }
        }

        return found;
    }

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
