using Microsoft.Win32.SafeHandles;

namespace AudioEdge.Audio.Alsa.Interop;

/// <summary>
/// An open <c>snd_pcm_t*</c>. Closing it through a SafeHandle guarantees the device is released exactly once,
/// even when a capture thread is torn down by an exception, and that no call races with the close.
/// </summary>
internal sealed class SafePcmHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the P/Invoke marshaller for <c>snd_pcm_open</c>'s out parameter.</summary>
    public SafePcmHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LibAsound.snd_pcm_close(handle) == 0;
}
