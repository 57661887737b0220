using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// A capture device without hardware for a child process: ALSA's <c>file</c> plugin serving a raw PCM file as its
/// <c>infile</c> (tests/Shared/AlsaFilePluginConfig.cs, also used by tests/AudioEdge.Audio.Alsa.Tests). A child process
/// only needs <c>ALSA_CONFIG_PATH</c> in its environment: the system configuration first, then ours.
/// </summary>
/// <remarks>
/// Past the end of the file the plugin reports full reads without writing anything, which AlsaCaptureSource turns
/// into silence. The capture never ends by itself, so a test stops the daemon with a signal.
/// </remarks>
internal static class AlsaFilePlugin
{
    /// <summary>Writes the PCM definition to <paramref name="path"/> and returns the environment a child needs to see it.</summary>
    public static IReadOnlyDictionary<string, string> WriteConfig(string path)
    {
        AlsaFilePluginConfig.AssertSystemConfigInstalled();
        File.WriteAllText(path, AlsaFilePluginConfig.PcmDefinition());
        return new Dictionary<string, string> { ["ALSA_CONFIG_PATH"] = AlsaFilePluginConfig.ConfigPath(path) };
    }

    /// <summary>The device name that captures from <paramref name="rawFile"/> (quoted: the path may contain ALSA's separators).</summary>
    public static string Device(string rawFile) => AlsaFilePluginConfig.Device(rawFile);
}
