using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AudioEdge.DatasetBuilder.Data;
using AudioEdge.DatasetBuilder.Labelling;
using AudioEdge.Dsp.Serialization;

namespace AudioEdge.DatasetBuilder.Output;

/// <summary>
/// Collects one split's examples and writes them in shards of at most <c>shardSize</c>:
/// <c>&lt;split&gt;-NNNN.features.npy</c> (float32 [N, 96, 64]), <c>.labels.npy</c> (float32 [N, 2]) and
/// <c>.meta.jsonl</c> (one JSON object per example, same order). The three files appear together or not at all.
/// </summary>
internal sealed class ShardWriter
{
    private readonly string _directory;
    private readonly Split _split;
    private readonly int _shardSize;
    private readonly List<Example> _pending = [];
    private readonly List<ShardInfo> _shards = [];

    public ShardWriter(string directory, Split split, int shardSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardSize, 1);
        _directory = directory;
        _split = split;
        _shardSize = shardSize;
    }

    /// <summary>Shards written so far.</summary>
    public IReadOnlyList<ShardInfo> Shards => _shards;

    /// <summary>Examples accepted so far (written or pending).</summary>
    public int Count { get; private set; }

    public void Add(Example example)
    {
        ArgumentNullException.ThrowIfNull(example);
        if (example.Split != _split)
        {
            throw new ArgumentException($"A {example.Split} example was given to the {_split} writer.", nameof(example));
        }

        if (example.Features.Length != FeatureFrames.WindowFrames * FeatureFrames.Bands)
        {
            throw new ArgumentException($"An example holds {example.Features.Length} features, not {FeatureFrames.WindowFrames} x {FeatureFrames.Bands}.", nameof(example));
        }

        _pending.Add(example);
        Count++;
        if (_pending.Count == _shardSize)
        {
            Flush();
        }
    }

    /// <summary>Writes what is pending as a (last, smaller) shard.</summary>
    public void Complete()
    {
        if (_pending.Count > 0)
        {
            Flush();
        }
    }

    /// <summary>The file names of shard <paramref name="index"/> of <paramref name="split"/>.</summary>
    public static (string Features, string Labels, string Meta) FileNames(Split split, int index)
    {
        string stem = split.Name() + "-" + index.ToString("D4", CultureInfo.InvariantCulture);
        return (stem + ".features.npy", stem + ".labels.npy", stem + ".meta.jsonl");
    }

    private void Flush()
    {
        int count = _pending.Count;
        int size = FeatureFrames.WindowFrames * FeatureFrames.Bands;
        var features = new float[count * size];
        var labels = new float[count * 2];
        var meta = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            Example example = _pending[i];
            example.Features.CopyTo(features, i * size);
            labels[2 * i] = example.Alarm ? 1 : 0;
            labels[(2 * i) + 1] = example.GlassBreak ? 1 : 0;
            meta.Append(MetaLine(example.Meta)).Append('\n');
        }

        (string featuresName, string labelsName, string metaName) = FileNames(_split, _shards.Count);
        AtomicFiles.WriteAll(
        [
            (Path.Combine(_directory, featuresName), stream => NpyWriter.Write(stream, features, count, FeatureFrames.WindowFrames, FeatureFrames.Bands)),
            (Path.Combine(_directory, labelsName), stream => NpyWriter.Write(stream, labels, count, 2)),
            (Path.Combine(_directory, metaName), stream => stream.Write(Encoding.UTF8.GetBytes(meta.ToString()))),
        ]);
        _shards.Add(new ShardInfo(_split.Name(), featuresName, labelsName, metaName, count));
        _pending.Clear();
    }

    /// <summary>One compact JSON object, keys in a fixed order; optional keys only when set.</summary>
    internal static string MetaLine(ExampleMeta meta)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("group", meta.Group);
            writer.WriteString("file", meta.File);
            writer.WriteNumber("offset_s", Math.Round(meta.OffsetSeconds, 3));
            writer.WriteString("kind", meta.Kind);
            writer.WriteString("category", meta.Category);
            writer.WriteString("source", meta.Source);
            if (meta.Background is not null)
            {
                writer.WriteString("background", meta.Background);
            }

            if (meta.Augmentation is not null)
            {
                writer.WriteString("augmentation", meta.Augmentation);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
