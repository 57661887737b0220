using System.Globalization;

namespace AudioEdge.Testing;

/// <summary>
/// The ALSA configuration for a capture device without hardware: the <c>file</c> plugin serving a raw PCM file as its
/// <c>infile</c>. The raw file is a parameter of the PCM (<c>@args [ FILE ]</c>), so one static config serves every
/// file: <c>aefile:FILE="/path/to/file.raw"</c>. Format <c>raw</c>: the file's bytes are exactly the frames. The slave is
/// <c>null</c>, which has no clock: the file is delivered as fast as it is read and, past its end, full reads that write
/// nothing. libasound finds the PCM through <c>ALSA_CONFIG_PATH</c> (<see cref="ConfigPath"/>): the system alsa.conf
/// first (it defines <c>null</c> and everything else), then the written file.
/// Linked into test projects from tests/Shared; needs only the BCL and NUnit.
/// </summary>
internal static class AlsaFilePluginConfig
{
    /// <summary>Debian's system ALSA configuration (package libasound2-data).</summary>
    public const string SystemConfig = "/usr/share/alsa/alsa.conf";

    /// <summary>The PCM that <see cref="PcmDefinition"/> defines.</summary>
    public const string Pcm = "aefile";

    /// <summary>Fails the test when the system ALSA configuration is not installed.</summary>
    public static void AssertSystemConfigInstalled() =>
        Assert.That(File.Exists(SystemConfig), Is.True, $"{SystemConfig} is missing: install libasound2 (tools/setup-debian.sh does).");

    /// <summary>
    /// The definition of <see cref="Pcm"/>; with <paramref name="hintDescription"/> it is also listed in the name hints.
    /// FILE defaults to /dev/null, which the hints need: ALSA leaves out a PCM whose arguments it cannot evaluate.
    /// </summary>
    public static string PcmDefinition(string? hintDescription = null)
    {
        string hint = hintDescription is null
            ? string.Empty
            : $"\n    hint {{\n        show on\n        description \"{hintDescription}\"\n    }}";
        return $$"""
            pcm.{{Pcm}} {
                @args [ FILE ]
                @args.FILE { type string default "/dev/null" }
                type file
                slave.pcm "null"
                file "/dev/null"
                infile $FILE
                format "raw"{{hint}}
            }
            """;
    }

    /// <summary>The value of ALSA_CONFIG_PATH that adds <paramref name="configFile"/> to the system configuration.</summary>
    public static string ConfigPath(string configFile) => SystemConfig + ":" + configFile;

    /// <summary>The device name that captures from <paramref name="rawFile"/> (quoted: the path may contain ALSA's separators).</summary>
    public static string Device(string rawFile) => string.Create(CultureInfo.InvariantCulture, $"{Pcm}:FILE=\"{rawFile}\"");
}
