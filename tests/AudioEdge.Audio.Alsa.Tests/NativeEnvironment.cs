using System.Runtime.InteropServices;

namespace AudioEdge.Audio.Alsa.Tests;

/// <summary>
/// The C library's environment, which is what libasound reads (getenv("ALSA_CONFIG_PATH")). On Linux .NET keeps its
/// own copy of the environment: Environment.SetEnvironmentVariable changes that copy only, so it cannot configure
/// a native library.
/// </summary>
internal static partial class NativeEnvironment
{
    /// <summary>
    /// Sets a variable in the C environment. setenv is not thread-safe against concurrent getenv, so this is called
    /// once, from the set-up fixture, before any test touches libasound.
    /// </summary>
    public static void Set(string name, string value)
    {
        if (setenv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public static string? Get(string name) => Marshal.PtrToStringUTF8(getenv(name));

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint getenv(string name);
}
