using AudioEdge.Testing;

namespace AudioEdge.Audio.Alsa.Tests;

/// <summary>
/// Gives every test in the assembly a real libasound capture path without hardware: ALSA's <c>file</c> plugin with an
/// <c>infile</c> serves a raw PCM file as if it were a microphone.
/// </summary>
/// <remarks>
/// <para>
/// How the PCM reaches libasound: ALSA_CONFIG_PATH lists the system alsa.conf first (everything else, including
/// <c>null</c>, is defined there) and then our file. libasound reads that variable with getenv, i.e. from the C
/// environment, which <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change on Linux; so the
/// fixture calls libc setenv before the first ALSA call (checked: after Environment.SetEnvironmentVariable, libc
/// getenv still returns null). libasound 1.2.8 rereads its configuration when the variable's file list changes, so
/// even a setenv after a first snd_pcm_open is picked up; setting it first avoids relying on that. Nothing is
/// written to ~/.asoundrc: the tests leave the machine's ALSA setup alone.
/// </para>
/// <para>
/// The raw file is a parameter of the PCM (<c>@args [ FILE ]</c>), so one static config serves every test:
/// <c>aefile:FILE="/path/to/file.raw"</c>. The file plugin's format is <c>raw</c>: the file's bytes are exactly the frames
/// in the format the test asks for. Its slave is <c>null</c>, which has no clock: the PCM delivers frames as fast as they
/// are read, the file first (no leading silence; checked by the tests) and, past its end, full reads that write
/// nothing (see <see cref="AlsaCaptureSource"/>).
/// </para>
/// </remarks>
[SetUpFixture]
public sealed class AlsaTestEnvironment
{
    /// <summary>The PCM defined by the test configuration; see <see cref="FileDevice"/>.</summary>
    public const string FilePcm = AlsaFilePluginConfig.Pcm;

    private static string? s_directory;

    /// <summary>A scratch directory for raw files, removed after the run.</summary>
    public static string Directory => s_directory ?? throw new InvalidOperationException("The ALSA test environment is not set up.");

    /// <summary>The ALSA device name that captures from <paramref name="rawFile"/> (quoted: the path may contain ALSA's separators).</summary>
    public static string FileDevice(string rawFile) => AlsaFilePluginConfig.Device(rawFile);

    [OneTimeSetUp]
    public void SetUp()
    {
        AlsaFilePluginConfig.AssertSystemConfigInstalled();

        s_directory = System.IO.Directory.CreateTempSubdirectory("audioedge-alsa-tests-").FullName;
        string config = Path.Combine(s_directory, "audioedge-test.conf");

        // aefile's default FILE (/dev/null) is needed for the name hints: ALSA leaves out a PCM whose arguments it
        // cannot evaluate without values. aeplayback exists to check that playback-only PCMs are filtered out:
        // config-defined PCMs carry no direction, and the only way to give one an IOID is that libasound builds
        // its hint as "NAME…|DESC…|IOID…" and pastes the description in verbatim (checked on alsa-lib 1.2.8).
        File.WriteAllText(config, AlsaFilePluginConfig.PcmDefinition("AudioEdge test: capture from a raw file") + "\n" + """
            pcm.aeplayback {
                type file
                slave.pcm "null"
                file "/dev/null"
                hint {
                    show on
                    description "AudioEdge test: playback only|IOIDOutput"
                }
            }
            """);

        NativeEnvironment.Set("ALSA_CONFIG_PATH", AlsaFilePluginConfig.ConfigPath(config));
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        if (s_directory is not null)
        {
            System.IO.Directory.Delete(s_directory, recursive: true);
            s_directory = null;
        }
    }
}
