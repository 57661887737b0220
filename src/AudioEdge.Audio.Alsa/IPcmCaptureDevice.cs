namespace AudioEdge.Audio.Alsa;

/// <summary>
/// An open, configured and started capture PCM, as the capture loop sees it. The real one is
/// <see cref="AlsaPcmDevice"/>; tests substitute a scripted one to produce what ALSA's file plugin cannot
/// (xruns, a device vanishing mid-stream). Results follow libasound: negative values are -errno.
/// </summary>
internal interface IPcmCaptureDevice : IDisposable
{
    PcmConfiguration Configuration { get; }

    /// <summary>1 when frames can be read, 0 after <paramref name="timeoutMilliseconds"/> without, or -errno.</summary>
    int Wait(int timeoutMilliseconds);

    /// <summary>Reads up to <paramref name="frames"/> interleaved frames without blocking; the count read, or -errno (-EAGAIN: none yet).</summary>
    nint Read(Span<byte> buffer, int frames);

    /// <summary>Recovers from an xrun (-EPIPE), suspend (-ESTRPIPE) or -EINTR and restarts capture; 0, or -errno if that failed.</summary>
    int Recover(int error);
}
