using System.CommandLine;
using AudioEdge.Dsp;
using AudioEdge.Dsp.Serialization;

namespace AudioEdge.Cli.Commands;

/// <summary><c>audioedge features FILE -o out.npy</c>: log-mel features as float32 [frames, 64] for ML tooling.</summary>
internal static class FeaturesCommand
{
    public static Command Create(TextWriter output)
    {
        var file = new Argument<string>("FILE") { Description = "A WAV file (any PCM/float format, channels and sample rate; resampled to 16 kHz mono)." };
        var target = new Option<string>("--output", "-o") { Description = "The .npy file to write: float32, shape [frames, 64], C order.", Required = true };
        var command = new Command("features", "Compute the device's log-mel features of a WAV file and write them as .npy.") { file, target };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(file)!;
            string path = parse.GetValue(target)!;
            AtomicFile.CheckWritable(path);
            FrontEndOptions options = FrontEndOptions.Default;
            (float[] frames, double seconds) = AudioInput.ReadLogMel(input, options, parse.InvocationConfiguration.Error);
            int frameCount = frames.Length / options.MelBands;
            // AtomicFile already writes to a temporary name and renames it: NpyWriter.WriteFile would do that a second time.
            AtomicFile.Write(path, temporary =>
            {
                using var stream = File.Create(temporary);
                NpyWriter.Write(stream, frames, frameCount, options.MelBands);
            });
            output.WriteLine($"{path}: {frameCount} frames x {options.MelBands} mel bands ({seconds:F2} s of audio)");
            return ExitCodes.Success;
        });
        return command;
    }
}
