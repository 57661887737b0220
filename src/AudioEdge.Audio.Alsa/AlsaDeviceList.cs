using System.Runtime.InteropServices;
using AudioEdge.Audio.Alsa.Interop;

namespace AudioEdge.Audio.Alsa;

/// <summary>Lists the PCMs that can capture, for <c>audioedge devices</c>.</summary>
public static unsafe class AlsaDeviceList
{
    /// <summary>
    /// Every PCM with a name hint whose direction is capture or both (IOID "Input" or absent), in ALSA's order.
    /// The list comes from the configuration (alsa.conf, asoundrc, ALSA_CONFIG_PATH) plus the sound cards present,
    /// so it includes virtual PCMs such as <c>null</c> and, with cards, <c>default</c>, <c>hw:</c>, <c>plughw:</c>, <c>dsnoop:</c>.
    /// </summary>
    /// <exception cref="AlsaException">libasound is missing or cannot read its configuration.</exception>
    public static IReadOnlyList<AlsaDeviceInfo> GetCaptureDevices()
    {
        nint hints;
        int err;
        try
        {
            err = LibAsound.snd_device_name_hint(-1, "pcm", out hints);
        }
        catch (DllNotFoundException e)
        {
            throw AlsaPcmDevice.LibraryMissing(e);
        }

        if (err < 0)
        {
            throw AlsaPcmDevice.Error("pcm", "Cannot list ALSA devices", err);
        }

        try
        {
            var devices = new List<AlsaDeviceInfo>();

            // hints is a NULL-terminated array of opaque hint pointers.
            for (nint* hint = (nint*)hints; *hint != 0; hint++)
            {
                string? name = TakeHint(*hint, "NAME");
                if (name is null)
                {
                    continue;
                }

                // IOID is absent for PCMs that do both directions, "Output" for playback-only ones.
                string? direction = TakeHint(*hint, "IOID");
                if (direction is not null && direction != "Input")
                {
                    continue;
                }

                devices.Add(new AlsaDeviceInfo(name, TakeHint(*hint, "DESC") ?? string.Empty));
            }

            return devices;
        }
        finally
        {
            _ = LibAsound.snd_device_name_free_hint(hints);
        }
    }

    /// <summary>Copies one hint field and frees ALSA's malloc'd copy (NativeMemory.Free is libc free on Linux).</summary>
    private static string? TakeHint(nint hint, string id)
    {
        byte* value = LibAsound.snd_device_name_get_hint(hint, id);
        if (value is null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)value);
        }
        finally
        {
            NativeMemory.Free(value);
        }
    }
}
