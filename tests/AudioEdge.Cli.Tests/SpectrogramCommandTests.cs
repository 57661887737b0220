using System.Buffers.Binary;

namespace AudioEdge.Cli.Tests;

[TestFixture]
public sealed class SpectrogramCommandTests
{
    [Test]
    public void Writes_a_png_of_the_requested_size()
    {
        using var dir = new TempDirectory();
        string wav = dir.File("t4.wav");
        CliRun.Invoke("synth", "t4", "-o", wav, "--seconds", "3");

        CliRun run = CliRun.Invoke("spectrogram", wav, "-o", dir.File("t4.png"), "--width", "640", "--height", "300");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        byte[] png = File.ReadAllBytes(dir.File("t4.png"));
        Assert.That(png.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), Is.EqualTo(640), "IHDR width");
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), Is.EqualTo(300), "IHDR height");
        Assert.That(dir.Files(), Is.EquivalentTo(new[] { "t4.wav", "t4.png" }));
    }

    [Test]
    public void Audio_shorter_than_one_window_is_a_clear_error_and_no_file()
    {
        using var dir = new TempDirectory();
        string wav = dir.File("short.wav");
        CliRun.Invoke("synth", "tone", "-o", wav, "--seconds", "0.01");

        CliRun run = CliRun.Invoke("spectrogram", wav, "-o", dir.File("short.png"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DataError));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain("shorter than one"));
        Assert.That(dir.Files(), Is.EquivalentTo(new[] { "short.wav" }));
    }

    [Test]
    public void Out_of_range_sizes_are_usage_errors()
    {
        CliRun run = CliRun.Invoke("spectrogram", "x.wav", "-o", "x.png", "--width", "5");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("--width"));
    }
}
