using System.Security.Cryptography;

namespace AudioEdge.Inference.Tests;

public sealed class ModelFileHashTests
{
    // Block boundaries of SHA-256 (64 B) and of the hash's read buffer (16 KiB) are where a streaming digest goes wrong.
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(55)]
    [TestCase(56)]
    [TestCase(64)]
    [TestCase(16 * 1024 - 1)]
    [TestCase(16 * 1024)]
    [TestCase(16 * 1024 + 1)]
    [TestCase(300_001)]
    public void EqualsThePlatformsSha256(int length)
    {
        byte[] content = new byte[length];
        new Random(length).NextBytes(content);
        string path = Path.Combine(Path.GetTempPath(), $"audioedge-hash-{Environment.ProcessId}-{length}.bin");
        File.WriteAllBytes(path, content);
        try
        {
            Assert.That(ModelFileHash.Sha256Hex(path), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(content))));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void KnownVector() =>
        Assert.That(ModelFileHash.Sha256Hex(new MemoryStream("abc"u8.ToArray())),
            Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}
