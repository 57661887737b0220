using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AudioEdge.Audio.Alsa.Interop;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Audio.Alsa;

/// <summary>
/// Sends libasound's own diagnostics to an <see cref="ILogger"/> instead of stderr. Without this, opening a missing
/// device prints lines such as <c>ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM hw:5</c> before the
/// application's one-line error; with it they become Debug entries.
/// </summary>
/// <remarks>
/// Process-wide, like libasound's handler itself: call it once at start-up. The message is libasound's printf format
/// without its arguments ("Unknown PCM %s"): they are C varargs, which .NET cannot read portably. The file, line,
/// function and error code are logged as they are.
/// </remarks>
public static unsafe class AlsaLibraryLog
{
    private static volatile ILogger? s_logger;

    /// <summary>Routes libasound's diagnostics to <paramref name="logger"/> at Debug level.</summary>
    /// <exception cref="AlsaException">libasound is missing.</exception>
    public static void RedirectTo(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        s_logger = logger;
        Install(&OnLibraryError);
    }

    /// <summary>Gives libasound back its default handler (stderr).</summary>
    public static void Restore()
    {
        Install(null);
        s_logger = null;
    }

    private static void Install(delegate* unmanaged[Cdecl]<byte*, int, byte*, int, byte*, void> handler)
    {
        try
        {
            _ = LibAsound.snd_lib_error_set_handler(handler);
        }
        catch (DllNotFoundException e)
        {
            throw AlsaPcmDevice.LibraryMissing(e);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLibraryError(byte* file, int line, byte* function, int err, byte* format)
    {
        // An exception must not unwind into libasound's C frames: that would take the process down.
        try
        {
            ILogger? logger = s_logger;
            if (logger is null || !logger.IsEnabled(LogLevel.Debug))
            {
                return;
            }

            string fileName = Marshal.PtrToStringUTF8((nint)file) ?? "?";
            string functionName = Marshal.PtrToStringUTF8((nint)function) ?? "?";
            string message = Marshal.PtrToStringUTF8((nint)format) ?? string.Empty;
            AlsaLog.Library(logger, fileName, line, functionName, message, err);
        }
#pragma warning disable CA1031 // See above: nothing may escape a native callback.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
