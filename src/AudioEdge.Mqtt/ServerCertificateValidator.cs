using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AudioEdge.Mqtt;

/// <summary>
/// Decides whether the broker's certificate is acceptable, and remembers why not, so the connect failure can be logged
/// as one clear line ("not issued by the CA in Mqtt:Tls:CaFile") instead of .NET's generic "remote certificate was
/// rejected". With a CA file, only that CA is trusted (the system store is ignored): a device pinned to its own broker
/// must not accept a certificate for the same name from any public CA.
/// </summary>
internal sealed class ServerCertificateValidator : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private readonly X509Certificate2Collection? _trustedRoots;
    private readonly bool _allowUntrusted;
    private readonly string _host;

    public ServerCertificateValidator(string host, X509Certificate2Collection? trustedRoots, bool allowUntrusted)
    {
        _host = host;
        _trustedRoots = trustedRoots;
        _allowUntrusted = allowUntrusted;
    }

    /// <summary>Why the last certificate was refused; null when it was accepted or none was seen.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Loads every certificate of a PEM CA file.</summary>
    public static X509Certificate2Collection LoadRoots(string caFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        if (roots.Count == 0)
        {
            throw new CryptographicException($"no certificate found in {caFile}");
        }

        return roots;
    }

    public bool Validate(X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        LastFailure = null;
        if (_allowUntrusted)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Refuse("the broker sent no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Refuse($"the broker's certificate is not valid for host name '{_host}'");
        }

        if (_trustedRoots is null)
        {
            return errors == SslPolicyErrors.None || Refuse($"the broker's certificate is not trusted by the system CA store ({Describe(presentedChain)})");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots);
        chain.ChainPolicy.ExtraStore.AddRange(_trustedRoots);
        if (presentedChain is not null)
        {
            foreach (X509ChainElement element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        // A private broker CA rarely publishes revocation lists; checking would fail every connection offline.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf) || Refuse($"the broker's certificate is not issued by the CA in Mqtt:Tls:CaFile ({Describe(chain)})");
    }

    public void Dispose()
    {
        if (_trustedRoots is not null)
        {
            foreach (X509Certificate2 root in _trustedRoots)
            {
                root.Dispose();
            }
        }
    }

    private bool Refuse(string reason)
    {
        LastFailure = reason;
        return false;
    }

    private static string Describe(X509Chain? chain)
    {
        if (chain is null || chain.ChainStatus.Length == 0)
        {
            return "no chain status";
        }

        return string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
    }
}
