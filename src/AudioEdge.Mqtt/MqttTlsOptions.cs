namespace AudioEdge.Mqtt;

/// <summary>TLS to the broker (configuration section <c>Mqtt:Tls</c>).</summary>
public sealed class MqttTlsOptions
{
    /// <summary>Connect with TLS. Default false (plain TCP, for a broker on the same host or a trusted LAN).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// PEM file with the CA certificate(s) the broker's certificate must chain to; when set, only these are trusted
    /// (not the system store). Null: the system's trusted roots. The host name is checked either way.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>PEM certificate presented to the broker (client authentication). Requires <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>Unencrypted PEM private key (PKCS#8, PKCS#1 or SEC1) of <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>
    /// Accept any server certificate (no chain or host-name check). For bring-up only: anyone on the path can then
    /// read the alarms and send commands. A warning is logged at every connect. Default false.
    /// </summary>
    public bool AllowUntrustedCertificates { get; set; }

    /// <summary>Every problem, one line each, naming the key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enabled)
        {
            // A certificate configured while TLS is off almost always means the operator believes the link is
            // encrypted; refusing is kinder than silently sending credentials in clear text.
            if (CaFile is not null || ClientCertificateFile is not null || ClientKeyFile is not null)
            {
                errors.Add("Mqtt:Tls:CaFile, ClientCertificateFile or ClientKeyFile is set but Mqtt:Tls:Enabled is false.");
            }

            return errors;
        }

        CheckFile(errors, "Mqtt:Tls:CaFile", CaFile);
        CheckFile(errors, "Mqtt:Tls:ClientCertificateFile", ClientCertificateFile);
        CheckFile(errors, "Mqtt:Tls:ClientKeyFile", ClientKeyFile);
        if ((ClientCertificateFile is null) != (ClientKeyFile is null))
        {
            errors.Add("Mqtt:Tls:ClientCertificateFile and Mqtt:Tls:ClientKeyFile must be set together.");
        }

        if (AllowUntrustedCertificates && CaFile is not null)
        {
            errors.Add("Mqtt:Tls:AllowUntrustedCertificates and Mqtt:Tls:CaFile contradict each other; set only one.");
        }

        return errors;
    }

    private static void CheckFile(List<string> errors, string key, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (path.Length == 0)
        {
            errors.Add($"{key} must not be empty (omit it instead).");
        }
        else if (!File.Exists(path))
        {
            errors.Add($"{key} does not exist or is not readable ({path}).");
        }
    }
}
