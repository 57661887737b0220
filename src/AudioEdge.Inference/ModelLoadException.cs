namespace AudioEdge.Inference;

/// <summary>
/// A model package was refused: missing files, an invalid manifest, a checksum mismatch, features that differ
/// from the front end's, or a graph that does not match its manifest. The message is one line that names the
/// file and says what to fix, fit to be shown to a user as it is.
/// </summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException()
    {
    }

    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
