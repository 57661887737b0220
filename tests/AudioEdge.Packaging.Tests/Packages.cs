using AudioEdge.Testing;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace AudioEdge.Packaging.Tests;

/// <summary>
/// Where the packages under test are: <c>AUDIOEDGE_PACKAGE_DIR</c> holds <c>audioedge_VERSION_amd64.deb</c> and
/// <c>audioedge_VERSION_arm64.deb</c>, <c>AUDIOEDGE_PACKAGE_VERSION</c> is VERSION. build.cake sets both.
/// </summary>
internal static class Packages
{
    public static readonly string[] Architectures = ["amd64", "arm64"];

    public static string Directory => Required("AUDIOEDGE_PACKAGE_DIR");

    public static string Version => Required("AUDIOEDGE_PACKAGE_VERSION");

    public static string Deb(string arch)
    {
        string path = Path.Combine(Directory, $"audioedge_{Version}_{arch}.deb");
        Assert.That(File.Exists(path), Is.True, $"{path} not found: build the packages first (./build.sh --target=package)");
        return path;
    }

    public static string Packaging => Path.Combine(RepositoryPaths.Root, "tools", "packaging");

    public static string Firmware => Path.Combine(RepositoryPaths.Root, "firmware");

    /// <summary>The packaged program inside <see cref="Extracted"/>: /usr/lib/audioedge/audioedge.</summary>
    public static string Program(string arch) => Path.Combine(Extracted(arch), "usr", "lib", "audioedge", "audioedge");

    /// <summary>The package's files, extracted once per architecture into a temporary directory (dpkg-deb -x).</summary>
    public static string Extracted(string arch)
    {
        lock (ExtractedDirs)
        {
            if (!ExtractedDirs.TryGetValue(arch, out string? dir))
            {
                dir = Path.Combine(Path.GetTempPath(), $"audioedge-pkgtest-{Environment.ProcessId}-{arch}");
                if (System.IO.Directory.Exists(dir))
                {
                    System.IO.Directory.Delete(dir, recursive: true);
                }

                System.IO.Directory.CreateDirectory(dir);
                Tool.Check("dpkg-deb", ["-x", Deb(arch), dir], TimeSpan.FromMinutes(2));
                ExtractedDirs[arch] = dir;
            }

            return dir;
        }
    }

    public static void DeleteExtracted()
    {
        lock (ExtractedDirs)
        {
            foreach (string dir in ExtractedDirs.Values)
            {
                try
                {
                    System.IO.Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                    // best effort: a temporary directory
                }
            }

            ExtractedDirs.Clear();
        }
    }

    private static readonly Dictionary<string, string> ExtractedDirs = [];

    private static string Required(string name)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            Assert.Fail($"{name} is not set: these tests run through ./build.sh --target=test-all (or test-packages), which builds the packages first");
        }

        return value!;
    }
}

/// <summary>Removes the extracted package trees after the run.</summary>
[SetUpFixture]
public sealed class PackagesCleanup
{
    [OneTimeTearDown]
    public void DeleteExtracted() => Packages.DeleteExtracted();
}
