using System.Diagnostics;

namespace AudioEdge.Testing;

/// <summary>
/// A throw-away PKI made with /usr/bin/openssl in a temporary folder: a CA, a server certificate for
/// <c>localhost</c> and <c>127.0.0.1</c> by default (serverAuth) and a client certificate (clientAuth), all EC P-256 in PEM,
/// valid for two days. Each instance is a new CA, so two instances give a "wrong CA" for each other.
/// Linked into test projects from tests/Shared; needs only the BCL and NUnit.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    /// <summary>Where Debian's openssl package puts the tool.</summary>
    public const string OpenSsl = "/usr/bin/openssl";

    /// <summary>The client certificate's common name.</summary>
    public const string ClientCommonName = "audioedge-test-client";

    private TestCertificates(string directory)
    {
        Directory = directory;
    }

    /// <summary>The temporary folder holding every file.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate (PEM).</summary>
    public string CaCertificateFile => Path.Combine(Directory, "ca.crt");

    /// <summary>The CA's private key (PEM).</summary>
    public string CaKeyFile => Path.Combine(Directory, "ca.key");

    /// <summary>The server certificate (PEM), for DNS:localhost and IP:127.0.0.1.</summary>
    public string ServerCertificateFile => Path.Combine(Directory, "server.crt");

    /// <summary>The server's private key (PEM, PKCS#8, unencrypted).</summary>
    public string ServerKeyFile => Path.Combine(Directory, "server.key");

    /// <summary>The client certificate (PEM).</summary>
    public string ClientCertificateFile => Path.Combine(Directory, "client.crt");

    /// <summary>The client's private key (PEM, PKCS#8, unencrypted).</summary>
    public string ClientKeyFile => Path.Combine(Directory, "client.key");

    /// <summary>Generates a new CA with one server and one client certificate.</summary>
    /// <param name="caName">Common name of the CA (to tell several apart in logs).</param>
    /// <param name="serverNames">The server certificate's subjectAltName (OpenSSL syntax).</param>
    public static TestCertificates Create(string caName = "AudioEdge Test CA", string serverNames = "DNS:localhost,IP:127.0.0.1")
    {
        if (!File.Exists(OpenSsl))
        {
            throw new InvalidOperationException($"{OpenSsl} is not installed: apt-get install openssl.");
        }

        string directory = System.IO.Directory.CreateTempSubdirectory("audioedge-pki-").FullName;
        var pki = new TestCertificates(directory);
        try
        {
            pki.Generate(caName, serverNames);
            return pki;
        }
        catch
        {
            pki.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the folder.</summary>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private void Generate(string caName, string serverNames)
    {
        Run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", CaKeyFile, "-out", CaCertificateFile, "-days", "2", "-subj", $"/CN={caName}",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Issue("server", "localhost",
            "basicConstraints=critical,CA:FALSE",
            "keyUsage=critical,digitalSignature,keyEncipherment",
            "extendedKeyUsage=serverAuth",
            $"subjectAltName={serverNames}");
        Issue("client", ClientCommonName,
            "basicConstraints=critical,CA:FALSE",
            "keyUsage=critical,digitalSignature",
            "extendedKeyUsage=clientAuth");
    }

    private void Issue(string name, string commonName, params string[] extensions)
    {
        string key = Path.Combine(Directory, $"{name}.key");
        string request = Path.Combine(Directory, $"{name}.csr");
        string extensionFile = Path.Combine(Directory, $"{name}.ext");
        File.WriteAllLines(extensionFile, extensions);
        Run("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", request, "-subj", $"/CN={commonName}");
        Run("x509", "-req", "-in", request, "-CA", CaCertificateFile, "-CAkey", CaKeyFile, "-CAcreateserial",
            "-days", "2", "-sha256", "-extfile", extensionFile, "-out", Path.Combine(Directory, $"{name}.crt"));
    }

    private void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(OpenSsl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start openssl");
        Task<string> error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }
    }
}
