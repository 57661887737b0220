using System.Text.Json;
using System.Text.RegularExpressions;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.Tests;

/// <summary>What README.md ("MQTT topics and payloads") promises consumers, read from the README itself.</summary>
internal static partial class ReadmeContract
{
    private static readonly Lazy<string> Readme = new(() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")));

    /// <summary>The field names of the README's example event, in order.</summary>
    public static IReadOnlyList<string> EventFields()
    {
        Match example = ExampleEvent().Match(Readme.Value);
        Assert.That(example.Success, Is.True, "README.md has no example event (\"An event:\" followed by a json block)");
        using JsonDocument json = JsonDocument.Parse(example.Groups[1].Value);
        return [.. json.RootElement.EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>The attribute fields the README's topic table lists for <c>&lt;label&gt;/attributes</c>.</summary>
    public static IReadOnlyList<string> AttributeFields()
    {
        Match row = AttributesRow().Match(Readme.Value);
        Assert.That(row.Success, Is.True, "README.md has no <label>/attributes row");
        return [.. BacktickedName().Matches(row.Groups[1].Value).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"An event:\s*```json\s*(\{.*?\})\s*```", RegexOptions.Singleline)]
    private static partial Regex ExampleEvent();

    [GeneratedRegex(@"^\| `<p>/<id>/<label>/attributes` \|[^|]*\|([^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex AttributesRow();

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex BacktickedName();
}
