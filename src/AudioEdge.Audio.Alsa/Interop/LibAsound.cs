using System.Runtime.InteropServices;

namespace AudioEdge.Audio.Alsa.Interop;

/// <summary>
/// Every libasound entry point the project uses, in one place (after dotnet/iot's <c>Interop.libasound.cs</c>).
/// </summary>
/// <remarks>
/// Types follow the C prototypes exactly: <c>snd_pcm_uframes_t</c> is <c>unsigned long</c> and
/// <c>snd_pcm_sframes_t</c> is <c>long</c>, which are 64-bit on arm64/x64 but 32-bit on armhf, so they map to
/// <see cref="nuint"/>/<see cref="nint"/>, never to <see cref="ulong"/>/<see cref="long"/>.
/// Strings returned by libasound are read as pointers: the generated marshaller would otherwise free
/// <c>snd_strerror</c>'s static strings.
/// </remarks>
internal static unsafe partial class LibAsound
{
    private const string Library = "libasound.so.2";

    // snd_pcm_stream_t
    internal const int SND_PCM_STREAM_CAPTURE = 1;

    // snd_pcm_open mode flags
    internal const int SND_PCM_NONBLOCK = 0x1;

    // snd_pcm_access_t
    internal const int SND_PCM_ACCESS_RW_INTERLEAVED = 3;

    // snd_pcm_format_t
    internal const int SND_PCM_FORMAT_S16_LE = 2;
    internal const int SND_PCM_FORMAT_S32_LE = 10;

    // snd_pcm_state_t
    internal const int SND_PCM_STATE_PREPARED = 2;
    internal const int SND_PCM_STATE_RUNNING = 3;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int snd_pcm_open(out SafePcmHandle pcm, string name, int stream, int mode);

    /// <summary>Only <see cref="SafePcmHandle"/> calls this, from <c>ReleaseHandle</c>.</summary>
    [LibraryImport(Library)]
    internal static partial int snd_pcm_close(nint pcm);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_malloc(out nint hwParams);

    [LibraryImport(Library)]
    internal static partial void snd_pcm_hw_params_free(nint hwParams);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_any(SafePcmHandle pcm, nint hwParams);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_access(SafePcmHandle pcm, nint hwParams, int access);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_format(SafePcmHandle pcm, nint hwParams, int format);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_channels(SafePcmHandle pcm, nint hwParams, uint channels);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_rate_near(SafePcmHandle pcm, nint hwParams, ref uint rate, ref int dir);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_period_size_near(SafePcmHandle pcm, nint hwParams, ref nuint frames, ref int dir);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_buffer_size_near(SafePcmHandle pcm, nint hwParams, ref nuint frames);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params(SafePcmHandle pcm, nint hwParams);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_prepare(SafePcmHandle pcm);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_start(SafePcmHandle pcm);

    [LibraryImport(Library)]
    internal static partial nint snd_pcm_readi(SafePcmHandle pcm, void* buffer, nuint frames);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_recover(SafePcmHandle pcm, int err, int silent);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_wait(SafePcmHandle pcm, int timeoutMilliseconds);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_state(SafePcmHandle pcm);

    /// <summary>Returns a pointer to a static string: never free it.</summary>
    [LibraryImport(Library)]
    internal static partial byte* snd_strerror(int errnum);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int snd_device_name_hint(int card, string iface, out nint hints);

    /// <summary>Returns a malloc'd string (or null) that the caller frees with libc <c>free</c>.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial byte* snd_device_name_get_hint(nint hint, string id);

    [LibraryImport(Library)]
    internal static partial int snd_device_name_free_hint(nint hints);

    /// <summary>
    /// Replaces libasound's stderr printer (null restores it). The C handler type is variadic,
    /// <c>void (*)(const char *file, int line, const char *function, int err, const char *fmt, ...)</c>; a callback
    /// that declares only the five fixed parameters is safe on every Linux ABI the project targets (x64 SysV,
    /// AAPCS64, armhf AAPCS), where variadic arguments follow the named ones and a callee may ignore them.
    /// </summary>
    [LibraryImport(Library)]
    internal static partial int snd_lib_error_set_handler(delegate* unmanaged[Cdecl]<byte*, int, byte*, int, byte*, void> handler);

    /// <summary>The message libasound has for a negative error code, e.g. "No such device".</summary>
    internal static string StrError(int errnum)
    {
        byte* message = snd_strerror(errnum);
        return message is null ? $"error {errnum}" : Marshal.PtrToStringUTF8((nint)message) ?? $"error {errnum}";
    }
}
