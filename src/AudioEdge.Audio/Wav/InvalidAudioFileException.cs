namespace AudioEdge.Audio.Wav;

/// <summary>
/// An audio file that cannot be decoded: not a WAV file, a format this decoder does not support, or a header so
/// damaged that no audio can be recovered safely. The message is one line that names the problem.
/// </summary>
/// <remarks>
/// The decoder throws only this type for bad content, so callers can catch it and report the file as unusable
/// without also swallowing programming errors. I/O failures of the underlying stream still surface as
/// <see cref="IOException"/>.
/// </remarks>
public sealed class InvalidAudioFileException : Exception
{
    public InvalidAudioFileException()
        : base("The audio file is invalid.")
    {
    }

    public InvalidAudioFileException(string message)
        : base(message)
    {
    }

    public InvalidAudioFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
