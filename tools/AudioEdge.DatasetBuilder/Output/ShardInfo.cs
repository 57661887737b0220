using System.Text.Json.Serialization;

namespace AudioEdge.DatasetBuilder.Output;

/// <summary>A manifest entry: the three files of one shard.</summary>
internal sealed record ShardInfo(
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("features")] string Features,
    [property: JsonPropertyName("labels")] string Labels,
    [property: JsonPropertyName("meta")] string Meta,
    [property: JsonPropertyName("count")] int Count);
