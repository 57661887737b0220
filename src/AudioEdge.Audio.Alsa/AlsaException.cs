namespace AudioEdge.Audio.Alsa;

/// <summary>
/// An ALSA device could not be opened, configured or read. <see cref="Exception.Message"/> is a single line meant for
/// the user ("Cannot open ALSA capture device 'hw:5,0': No such file or directory (ENOENT)").
/// </summary>
public sealed class AlsaException : IOException
{
    public AlsaException()
    {
    }

    public AlsaException(string message)
        : base(message)
    {
    }

    public AlsaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AlsaException(string message, int errorCode, string? device, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        Device = device;
    }

    /// <summary>The negative errno libasound returned (e.g. -19 for ENODEV), or 0 when the failure did not come from libasound.</summary>
    public int ErrorCode { get; }

    /// <summary>The ALSA PCM name involved, when there is one.</summary>
    public string? Device { get; }

    /// <summary>No retry can help (libasound itself is missing): the source faults even in retry mode.</summary>
    internal bool IsPermanent { get; init; }
}
