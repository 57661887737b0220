using System.Text.Json;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>The model package beside audioedge.dll in the test output, as the daemon loads it by default.</summary>
internal static class TestModel
{
    /// <summary>The model id the daemon must put in every event, <c>id@version</c> from models/manifest.json.</summary>
    public static string Name
    {
        get
        {
            string manifest = Path.Combine(TestContext.CurrentContext.TestDirectory, "models", "manifest.json");
            Assert.That(File.Exists(manifest), Is.True, $"{manifest} is missing: the Cli reference must copy models/ into the test output.");
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(manifest));
            return $"{document.RootElement.GetProperty("id").GetString()}@{document.RootElement.GetProperty("version").GetString()}";
        }
    }
}
