using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.Tests;

/// <summary>The shipped model package, copied beside the test binaries by the project file.</summary>
internal static class TestModel
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "models");

    public static string Manifest => Path.Combine(Directory, "manifest.json");

    /// <summary>"id@version" as events and metrics name the shipped model, read from its manifest.</summary>
    public static string Name => ModelManifestName.Read(Manifest);

    /// <summary>Copies manifest.json and the .onnx files into <paramref name="target"/>; returns the copy's manifest.</summary>
    public static string CopyTo(string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (string file in System.IO.Directory.EnumerateFiles(Directory))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        return Path.Combine(target, "manifest.json");
    }

    /// <summary>
    /// Replaces the default (int8) variant with bytes ONNX Runtime cannot load and updates the manifest's checksum to
    /// match: a package that passes every file check but does not run.
    /// </summary>
    public static void MakeUnrunnable(string directory)
    {
        string onnx = Path.Combine(directory, "model.int8.onnx");
        byte[] garbage = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not an ONNX graph. ", 200)));
        File.WriteAllBytes(onnx, garbage);
        string manifestPath = Path.Combine(directory, "manifest.json");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["variants"]!["int8"]!["sha256"] = Convert.ToHexStringLower(SHA256.HashData(garbage));
        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }

    /// <summary>Flips bytes in the middle of every .onnx file under <paramref name="directory"/> (the manifest's checksums then fail).</summary>
    public static void CorruptOnnxFiles(string directory)
    {
        foreach (string file in System.IO.Directory.EnumerateFiles(directory, "*.onnx"))
        {
            byte[] bytes = File.ReadAllBytes(file);
            for (int i = bytes.Length / 2; i < (bytes.Length / 2) + 64; i++)
            {
                bytes[i] ^= 0x5A;
            }

            File.WriteAllBytes(file, bytes);
        }
    }
}
