namespace AudioEdge.Testing;

/// <summary>How <see cref="MosquittoBroker"/> configures mosquitto. Linked into test projects from tests/Shared.</summary>
internal sealed class MosquittoBrokerOptions
{
    /// <summary>Accept clients without a user name (all listeners). Default true; false when <see cref="Users"/> is set and this is left alone.</summary>
    public bool? AllowAnonymous { get; init; }

    /// <summary>User name → password; written to a password_file with mosquitto_passwd.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>Content of an acl_file (mosquitto syntax), or null for no ACL (everyone may do everything).</summary>
    public string? AclFileContent { get; init; }

    /// <summary>Certificates for a second, TLS listener (<see cref="MosquittoBroker.TlsPort"/>); null: no TLS listener.</summary>
    public TestCertificates? Tls { get; init; }

    /// <summary>The TLS listener demands a client certificate signed by the test CA.</summary>
    public bool RequireClientCertificate { get; init; }
}
