using System.Globalization;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// A capture device without hardware for a child process: ALSA's <c>file</c> plugin serving a raw PCM file as its
/// <c>infile</c> (the same set-up as tests/AudioEdge.Audio.Alsa.Tests/AlsaTestEnvironment.cs). A child process only
/// needs <c>ALSA_CONFIG_PATH</c> in its environment: the system configuration first, then ours.
/// </summary>
/// <remarks>
/// The slave is <c>null</c>, which has no clock: the file is delivered as fast as it is read, and past its end the
/// plugin reports full reads without writing anything, which AlsaCaptureSource turns into silence. The capture never
/// ends by itself, so a test stops the daemon with a signal.
/// </remarks>
internal static class AlsaFilePlugin
{
    public const string SystemConfig = "/usr/share/alsa/alsa.conf";

    private const string Pcm = "aefile";

    /// <summary>Writes the PCM definition to <paramref name="path"/> and returns the environment a child needs to see it.</summary>
    public static IReadOnlyDictionary<string, string> WriteConfig(string path)
    {
        Assert.That(File.Exists(SystemConfig), Is.True, $"{SystemConfig} is missing: install libasound2 (tools/setup-debian.sh does).");
        File.WriteAllText(path, """
            pcm.aefile {
                @args [ FILE ]
                @args.FILE { type string default "/dev/null" }
                type file
                slave.pcm "null"
                file "/dev/null"
                infile $FILE
                format "raw"
            }
            """);
        return new Dictionary<string, string> { ["ALSA_CONFIG_PATH"] = SystemConfig + ":" + path };
    }

    /// <summary>The device name that captures from <paramref name="rawFile"/> (quoted: the path may contain ALSA's separators).</summary>
    public static string Device(string rawFile) => string.Create(CultureInfo.InvariantCulture, $"{Pcm}:FILE=\"{rawFile}\"");
}
