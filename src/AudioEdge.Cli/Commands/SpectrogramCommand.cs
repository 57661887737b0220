using System.CommandLine;
using AudioEdge.Cli.Rendering;
using AudioEdge.Dsp;

namespace AudioEdge.Cli.Commands;

/// <summary><c>audioedge spectrogram FILE -o out.png</c>: the log-mel features as a picture, to see what the detector sees.</summary>
internal static class SpectrogramCommand
{
    public static Command Create(TextWriter output)
    {
        var file = new Argument<string>("FILE") { Description = "A WAV file (resampled to 16 kHz mono)." };
        var target = new Option<string>("--output", "-o") { Description = "The .png file to write.", Required = true };
        var width = new Option<int>("--width") { Description = "Picture width in pixels.", DefaultValueFactory = _ => 1200 };
        var height = new Option<int>("--height") { Description = "Picture height in pixels.", DefaultValueFactory = _ => 500 };
        width.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 200 or > 10000) { r.AddError("--width must be 200..10000 pixels."); } });
        height.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 150 or > 10000) { r.AddError("--height must be 150..10000 pixels."); } });

        var command = new Command("spectrogram", "Draw the log-mel spectrogram of a WAV file as a PNG with time and frequency axes.") { file, target, width, height };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(file)!;
            string path = parse.GetValue(target)!;
            AtomicFile.CheckWritable(path);
            FrontEndOptions options = FrontEndOptions.Default;
            (float[] frames, double seconds) = AudioInput.ReadLogMel(input, options, parse.InvocationConfiguration.Error);
            AtomicFile.Write(path, temporary => SpectrogramRenderer.SavePng(temporary, frames, options, Path.GetFileName(input), parse.GetValue(width), parse.GetValue(height)));
            output.WriteLine($"{path}: {frames.Length / options.MelBands} frames, {seconds:F2} s");
            return ExitCodes.Success;
        });
        return command;
    }
}
