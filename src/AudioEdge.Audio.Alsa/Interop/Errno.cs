namespace AudioEdge.Audio.Alsa.Interop;

/// <summary>
/// The Linux errno values libasound returns (negated). These are the asm-generic numbers, identical on arm64,
/// armhf and x64, so constants are safe here.
/// </summary>
internal static class Errno
{
    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int EAGAIN = 11;
    internal const int EBUSY = 16;
    internal const int ENODEV = 19;
    internal const int EPIPE = 32;
    internal const int EBADFD = 77;
    internal const int ESTRPIPE = 86;
    internal const int ETIMEDOUT = 110;

    /// <summary>The symbolic name for log messages ("ENODEV"), or null for codes this project does not name.</summary>
    internal static string? Name(int errnum) => Math.Abs(errnum) switch
    {
        ENOENT => nameof(ENOENT),
        EINTR => nameof(EINTR),
        EIO => nameof(EIO),
        EAGAIN => nameof(EAGAIN),
        EBUSY => nameof(EBUSY),
        ENODEV => nameof(ENODEV),
        EPIPE => nameof(EPIPE),
        EBADFD => nameof(EBADFD),
        ESTRPIPE => nameof(ESTRPIPE),
        ETIMEDOUT => nameof(ETIMEDOUT),
        _ => null,
    };
}
