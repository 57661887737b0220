namespace AudioEdge.DatasetBuilder;

/// <summary>A failure the user can fix (bad input, missing tool, unwritable output): one line and an exit code, no stack trace.</summary>
internal sealed class BuildException : Exception
{
    public BuildException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public BuildException()
    {
    }

    public BuildException(string message)
        : base(message)
    {
    }

    public BuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.Software;
}
