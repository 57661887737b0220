using Org.BouncyCastle.Crypto.Digests;

namespace AudioEdge.Inference;

/// <summary>SHA-256 of a model file, as the manifest records it (lower-case hex).</summary>
/// <remarks>
/// BouncyCastle's managed digest rather than <see cref="System.Security.Cryptography.SHA256"/>: on Linux the latter
/// loads OpenSSL (libssl + libcrypto, about 4 MB resident once initialised) into a daemon that otherwise needs it
/// only when MQTT runs over TLS. On a 512 MB board with a 60 MB budget that is worth a managed hash of two files
/// at start-up. The result is the same digest; a test checks it against the platform's.
/// </remarks>
public static class ModelFileHash
{
    /// <summary>Hashes <paramref name="path"/>; the file errors of <see cref="File.OpenRead"/> pass through.</summary>
    public static string Sha256Hex(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Sha256Hex(stream);
    }

    /// <summary>Hashes <paramref name="stream"/> from its current position to its end.</summary>
    public static string Sha256Hex(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var digest = new Sha256Digest();
        Span<byte> buffer = stackalloc byte[16 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            digest.BlockUpdate(buffer[..read]);
        }

        Span<byte> hash = stackalloc byte[32];
        digest.DoFinal(hash);
        return Convert.ToHexStringLower(hash);
    }
}
