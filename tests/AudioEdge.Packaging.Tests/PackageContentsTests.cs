using System.Text.RegularExpressions;

namespace AudioEdge.Packaging.Tests;

/// <summary>What is inside each .deb: control fields, file layout and modes, conffiles, maintainer scripts.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed partial class PackageContentsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [TestCaseSource(typeof(Packages), nameof(Packages.Architectures))]
    public void ControlFieldsNameVersionArchitectureAndRuntimeDependencies(string arch)
    {
        string deb = Packages.Deb(arch);
        TestContext.Out.WriteLine($"{Path.GetFileName(deb)}: {new FileInfo(deb).Length / 1e6:F1} MB");
        var fields = Fields(Tool.Check("dpkg-deb", ["-f", deb], Timeout).Output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fields["Package"], Is.EqualTo("audioedge"));
            Assert.That(fields["Version"], Is.EqualTo(Packages.Version));
            Assert.That(fields["Architecture"], Is.EqualTo(arch));
            // libasound2: P/Invoke for capture; libssl3: .NET's crypto for MQTT over TLS (loaded on first use);
            // libstdc++6 and libgcc-s1: ONNX Runtime. No zlib1g: the NativeAOT executable carries .NET's zlib-ng.
            foreach (string dependency in new[] { "adduser", "libasound2", "libc6 (>= 2.34)", "libssl3", "libstdc++6", "libgcc-s1" })
            {
                Assert.That(fields["Depends"], Does.Contain(dependency));
            }

            Assert.That(fields["Suggests"], Does.Contain("libgpiod2"));
            Assert.That(int.Parse(fields["Installed-Size"], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(50_000));
        }
    }

    [TestCaseSource(typeof(Packages), nameof(Packages.Architectures))]
    public void FilesAreWhereTheUnitAndTheDocsExpectThem(string arch)
    {
        var entries = Listing(Tool.Check("dpkg-deb", ["-c", Packages.Deb(arch)], Timeout).Output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entries, Does.ContainKey("/usr/lib/audioedge/audioedge").WithValue("-rwxr-xr-x root/root"));
            Assert.That(entries, Does.ContainKey("/usr/bin/audioedge -> ../lib/audioedge/audioedge"));
            Assert.That(entries, Does.ContainKey("/lib/systemd/system/audioedge.service").WithValue("-rw-r--r-- root/root"));
            Assert.That(entries, Does.ContainKey("/etc/audioedge/audioedge.json"));
            Assert.That(entries, Does.ContainKey("/etc/alsa/conf.d/50-audioedge.conf"));
            Assert.That(entries, Does.ContainKey("/usr/lib/audioedge/models/manifest.json"));
            Assert.That(entries, Does.ContainKey("/usr/lib/audioedge/models/model.int8.onnx"));
            Assert.That(entries, Does.ContainKey("/usr/lib/audioedge/models/model.fp32.onnx"));
            Assert.That(entries, Does.ContainKey("/usr/lib/audioedge/libonnxruntime.so").WithValue("-rw-r--r-- root/root"));
            Assert.That(entries, Does.ContainKey("/usr/share/doc/audioedge/copyright"));
            Assert.That(entries, Does.ContainKey("/usr/share/doc/audioedge/changelog.gz"));
            Assert.That(entries, Does.ContainKey("/usr/share/doc/audioedge/README.firmware.md"));
            Assert.That(entries, Does.ContainKey("/usr/share/man/man1/audioedge.1.gz"));
            Assert.That(entries, Does.ContainKey("/usr/share/lintian/overrides/audioedge"));
            Assert.That(entries.Keys.Where(k => k.EndsWith(".pdb", StringComparison.Ordinal) || k.EndsWith(".dbg", StringComparison.Ordinal)), Is.Empty,
                "debug symbols are left out");
            Assert.That(entries.Keys.Where(k => !k.StartsWith("/usr/", StringComparison.Ordinal) && !k.StartsWith("/etc/", StringComparison.Ordinal)
                && !k.StartsWith("/lib/systemd/", StringComparison.Ordinal) && k != "/" && k != "/lib/"), Is.Empty, "nothing outside /usr, /etc, /lib/systemd");
            Assert.That(entries.Values.Where(owner => !owner.EndsWith("root/root", StringComparison.Ordinal)), Is.Empty, "every file root:root");
        }
    }

    [TestCaseSource(typeof(Packages), nameof(Packages.Architectures))]
    public void ConffilesAndMaintainerScripts(string arch)
    {
        string control = Path.Combine(Path.GetTempPath(), $"audioedge-control-{Environment.ProcessId}-{arch}");
        try
        {
            Tool.Check("dpkg-deb", ["-e", Packages.Deb(arch), control], Timeout);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(File.ReadAllLines(Path.Combine(control, "conffiles")),
                    Is.EquivalentTo(new[] { "/etc/alsa/conf.d/50-audioedge.conf", "/etc/audioedge/audioedge.json" }));
                foreach (string script in new[] { "postinst", "prerm", "postrm" })
                {
                    string path = Path.Combine(control, script);
                    Assert.That(File.Exists(path), Is.True, script);
                    Assert.That(File.GetUnixFileMode(path) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute), script + " executable");
                    ToolResult syntax = Tool.Run("sh", ["-n", path], Timeout);
                    Assert.That(syntax.ExitCode, Is.Zero, syntax.Describe());
                }

                Assert.That(File.Exists(Path.Combine(control, "md5sums")), Is.True, "md5sums");
            }
        }
        finally
        {
            if (Directory.Exists(control))
            {
                Directory.Delete(control, recursive: true);
            }
        }
    }

    [TestCaseSource(typeof(Packages), nameof(Packages.Architectures))]
    public void ProgramIsTheRightArchitectureAndNativeAot(string arch)
    {
        string lib = Path.Combine(Packages.Extracted(arch), "usr", "lib", "audioedge");
        string program = Path.Combine(lib, "audioedge");
        ToolResult file = Tool.Check("file", ["-b", program], Timeout);
        // NativeAOT: the compiled managed code sits in the executable's own ELF section, and there is no runtime,
        // no JIT and no assembly beside it (a ReadyToRun build ships libcoreclr.so, libclrjit.so and the .dll files).
        ToolResult sections = Tool.Check("readelf", ["-S", "-W", program], Timeout);
        Assert.Multiple(() =>
        {
            Assert.That(file.Output, Does.Contain(arch == "arm64" ? "ARM aarch64" : "x86-64"));
            Assert.That(sections.Output, Does.Contain("__managedcode"), "the executable is NativeAOT-compiled");
            Assert.That(Directory.GetFiles(lib, "*.dll"), Is.Empty, "no managed assemblies");
            Assert.That(Directory.GetFiles(lib, "libcoreclr.so").Concat(Directory.GetFiles(lib, "libclrjit.so")), Is.Empty, "no runtime, no JIT");
            Assert.That(Directory.GetFiles(lib, "*.dbg").Concat(Directory.GetFiles(lib, "*.pdb")), Is.Empty, "no debug files");
            Assert.That(File.Exists(Path.Combine(lib, "libonnxruntime.so")), "ONNX Runtime beside the program");
        });
    }

    [Test]
    public void PackagedConfigurationAndUnitAreTheFirmwareFiles()
    {
        string root = Packages.Extracted("amd64");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllText(Path.Combine(root, "etc", "audioedge", "audioedge.json")),
                Is.EqualTo(File.ReadAllText(Path.Combine(Packages.Firmware, "audioedge.json"))));
            Assert.That(File.ReadAllText(Path.Combine(root, "lib", "systemd", "system", "audioedge.service")),
                Is.EqualTo(File.ReadAllText(Path.Combine(Packages.Firmware, "audioedge.service"))));
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle) =>
        haystack.AsSpan().IndexOf(needle);

    private static Dictionary<string, string> Fields(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? last = null;
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(' ') && last is not null)
            {
                fields[last] += "\n" + line;
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is int colon and > 0)
            {
                last = line[..colon];
                fields[last] = line[(colon + 1)..].Trim();
            }
        }

        return fields;
    }

    /// <summary>"-rwxr-xr-x root/root 123 2026-01-01 00:00 ./usr/bin/x" → ["/usr/bin/x"] = "-rwxr-xr-x root/root".</summary>
    private static Dictionary<string, string> Listing(string text)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Match m = ListingLine().Match(line);
            Assert.That(m.Success, Is.True, "unexpected dpkg-deb -c line: " + line);
            entries[m.Groups["path"].Value] = m.Groups["mode"].Value + " " + m.Groups["owner"].Value;
        }

        return entries;
    }

    [GeneratedRegex(@"^(?<mode>\S+)\s+(?<owner>\S+)\s+\d+\s+\S+\s+\S+\s+\.(?<path>/.*)$")]
    private static partial Regex ListingLine();
}
