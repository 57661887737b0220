namespace AudioEdge.Packaging.Tests;

/// <summary>
/// dpkg install, upgrade, remove and purge with the real maintainer scripts (adduser, dpkg-statoverride,
/// deb-systemd-helper) in a throwaway copy of this machine's root (tools/packaging/throwaway-root.sh: overlay on a
/// tmpfs in a private mount namespace; needs root). The checks themselves are in tools/packaging/test-lifecycle.sh,
/// one TAP line each, all shown in the test output.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Test]
    public void InstallUpgradeKeepsEditedConfigRemoveKeepsConfigPurgeRemovesEverything() =>
        RunScenario("full", "amd64");

    [Test]
    public void Arm64PackageInstallsAndPurgesOnAForeignArchitectureRoot() =>
        RunScenario("foreign", "arm64");

    private static void RunScenario(string mode, string arch)
    {
        string deb = Packages.Deb(arch);
        ToolResult result = Tool.Run(Path.Combine(Packages.Packaging, "throwaway-root.sh"),
            ["--bind", Packages.Directory + ":/mnt/audioedge-debs", "--bind", Packages.Packaging + ":/mnt/audioedge-packaging", "--",
             "/mnt/audioedge-packaging/test-lifecycle.sh", mode, "/mnt/audioedge-debs/" + Path.GetFileName(deb)],
            Timeout);
        TestContext.Out.WriteLine(result.Output);
        var failed = result.Output.Split('\n').Where(l => l.StartsWith("not ok", StringComparison.Ordinal)).ToList();
        Assert.That(failed, Is.Empty, result.Describe());
        Assert.That(result.Output, Does.Contain("\n1.."), "the scenario ran to its end");
        Assert.That(result.ExitCode, Is.Zero, result.Describe());
    }
}
