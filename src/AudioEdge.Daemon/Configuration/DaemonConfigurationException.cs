namespace AudioEdge.Daemon.Configuration;

/// <summary>The configuration cannot be used; <see cref="Problems"/> lists every reason, one line each (exit 78, EX_CONFIG).</summary>
public sealed class DaemonConfigurationException : Exception
{
    /// <summary>Creates the exception from its problems.</summary>
    public DaemonConfigurationException(IReadOnlyList<string> problems)
        : base(string.Join("; ", problems)) => Problems = problems;

    /// <summary>Creates the exception from one problem.</summary>
    public DaemonConfigurationException(string problem)
        : this([problem])
    {
    }

    /// <summary>Creates an exception without problems (serialisation and analyzers' sake).</summary>
    public DaemonConfigurationException()
        : this(Array.Empty<string>())
    {
    }

    /// <summary>Creates the exception from one problem and its cause.</summary>
    public DaemonConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Every problem, one line each, naming the key.</summary>
    public IReadOnlyList<string> Problems { get; }
}
