using AudioEdge.Audio.Wav;
using AudioEdge.Dsp;
using AudioEdge.Dsp.Serialization;

namespace AudioEdge.Cli.Tests;

[TestFixture]
public sealed class FeaturesCommandTests
{
    [Test]
    public void Writes_the_front_ends_frames_as_float32_frames_by_64()
    {
        using var dir = new TempDirectory();
        string wav = dir.File("alarm.wav");
        string npy = dir.File("alarm.npy");
        CliRun.Synth("t3", wav, 2);

        CliRun run = CliRun.Invoke("features", wav, "-o", npy);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        NpyArray features = NpyReader.ReadFile(npy);
        float[] expected = LogMelFrontEnd.ComputeAll(WavFile.ReadMono16k(wav).Samples);
        Assert.That(features.Descr, Is.EqualTo("<f4"));
        Assert.That(features.Shape, Is.EqualTo(new[] { LogMelFrontEnd.FrameCount(32000), 64 }));
        Assert.That(features.Data, Is.EqualTo(expected.Select(v => (double)v)));
        Assert.That(dir.Files(), Is.EquivalentTo(new[] { "alarm.wav", "alarm.npy" }), "no temporary files left behind");
    }

    [Test]
    public void A_44k_stereo_24_bit_file_is_resampled_to_16k_mono()
    {
        using var dir = new TempDirectory();
        string wav = dir.File("stereo.wav");
        WriteStereo24(wav, 44100, seconds: 1.0, hertz: 3000);

        CliRun run = CliRun.Invoke("features", wav, "-o", dir.File("stereo.npy"));

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        NpyArray features = NpyReader.ReadFile(dir.File("stereo.npy"));
        Assert.That(features.Shape[0], Is.EqualTo(LogMelFrontEnd.FrameCount(16000)));

        // The loudest band of a middle frame is the one around 3 kHz.
        double[] frame = features.Data.Skip(50 * 64).Take(64).ToArray();
        int loudest = Array.IndexOf(frame, frame.Max());
        Assert.That(loudest, Is.InRange(40, 46));
    }

    [Test]
    public void A_missing_input_is_one_line_and_exit_66_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        CliRun run = CliRun.Invoke("features", dir.File("absent.wav"), "-o", dir.File("out.npy"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.NoInput));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain("absent.wav").And.Contain("no such file"));
        Assert.That(dir.Files(), Is.Empty);
    }

    [Test]
    public void Invalid_audio_is_one_line_and_exit_65_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        string bad = dir.File("bad.wav");
        File.WriteAllText(bad, "this is not audio");

        CliRun run = CliRun.Invoke("features", bad, "-o", dir.File("out.npy"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DataError));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain("not a RIFF file"));
        Assert.That(dir.Files(), Is.EquivalentTo(new[] { "bad.wav" }));
    }

    [Test]
    public void An_output_in_a_missing_directory_is_exit_73()
    {
        using var dir = new TempDirectory();
        string wav = dir.File("a.wav");
        CliRun.Invoke("synth", "noise", "-o", wav, "--seconds", "0.5");

        CliRun run = CliRun.Invoke("features", wav, "-o", dir.File("missing/out.npy"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.CannotCreate));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
    }

    [Test]
    public void A_missing_output_option_is_a_usage_error()
    {
        CliRun run = CliRun.Invoke("features", "x.wav");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("--output"));
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    private static void WriteStereo24(string path, int rate, double seconds, double hertz)
    {
        int frames = (int)(rate * seconds);
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        int dataBytes = frames * 2 * 3;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)2);
        writer.Write(rate);
        writer.Write(rate * 6);
        writer.Write((short)6);
        writer.Write((short)24);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        for (int i = 0; i < frames; i++)
        {
            int sample = (int)(0.5 * Math.Sin(2 * Math.PI * hertz * i / rate) * 8_388_607);
            for (int channel = 0; channel < 2; channel++)
            {
                writer.Write((byte)sample);
                writer.Write((byte)(sample >> 8));
                writer.Write((byte)(sample >> 16));
            }
        }
    }
}
