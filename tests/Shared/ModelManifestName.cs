using System.Text.Json;

namespace AudioEdge.Testing;

/// <summary>
/// "id@version" as events, metrics and reports name a model, read straight from its manifest.json, so that tests
/// of the shipped model do not pin its version. Linked into test projects from tests/Shared.
/// </summary>
internal static class ModelManifestName
{
    public static string Read(string manifestPath)
    {
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
        return $"{manifest.RootElement.GetProperty("id").GetString()}@{manifest.RootElement.GetProperty("version").GetString()}";
    }
}
