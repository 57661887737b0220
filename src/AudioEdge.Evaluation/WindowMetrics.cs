using System.Text.Json;
using AudioEdge.Dsp.Serialization;
using AudioEdge.Inference;

namespace AudioEdge.Evaluation;

/// <summary>
/// Frame-level (window-level) accuracy: the model's score of every validation window of a shard set
/// (tools/AudioEdge.DatasetBuilder output), against the window labels. This is the model alone, before the
/// cadence and glass-break logic turn scores into events.
/// </summary>
public sealed class WindowMetrics
{
    private WindowMetrics(IReadOnlyDictionary<string, PrecisionRecallCurve> curves, IReadOnlyDictionary<string, BinaryCounts> atThreshold, int windows)
    {
        Curves = curves;
        AtThreshold = atThreshold;
        Windows = windows;
    }

    public IReadOnlyDictionary<string, PrecisionRecallCurve> Curves { get; }

    /// <summary>Counts of "score ≥ the manifest threshold" per label.</summary>
    public IReadOnlyDictionary<string, BinaryCounts> AtThreshold { get; }

    public int Windows { get; }

    /// <summary>Scores every window of the <c>validation</c> shards listed in <paramref name="shardDirectory"/>/manifest.json.</summary>
    /// <exception cref="InvalidDataException">The shard set does not fit the scorer (labels, window size) or is malformed.</exception>
    public static WindowMetrics FromShards(string shardDirectory, IWindowScorer scorer, IReadOnlyDictionary<string, float> thresholds)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(thresholds);
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(shardDirectory, "manifest.json")));
        string[] labels = [.. manifest.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)];
        if (!labels.SequenceEqual(scorer.Labels))
        {
            throw new InvalidDataException($"The shards are labelled [{string.Join(", ", labels)}], the model [{string.Join(", ", scorer.Labels)}].");
        }

        int windowValues = scorer.WindowFrames * scorer.Bands;
        var scores = labels.ToDictionary(l => l, _ => new List<double>());
        var truth = labels.ToDictionary(l => l, _ => new List<bool>());
        var output = new float[labels.Length];
        var window = new float[windowValues];
        foreach (JsonElement shard in manifest.RootElement.GetProperty("shards").EnumerateArray())
        {
            if (shard.GetProperty("split").GetString() != "validation")
            {
                continue;
            }

            NpyArray features = NpyReader.ReadFile(Path.Combine(shardDirectory, shard.GetProperty("features").GetString()!));
            NpyArray targets = NpyReader.ReadFile(Path.Combine(shardDirectory, shard.GetProperty("labels").GetString()!));
            if (features.Shape.Length != 3 || features.Shape[1] * features.Shape[2] != windowValues || targets.Shape[0] != features.Shape[0])
            {
                throw new InvalidDataException($"Shard {shard.GetProperty("features").GetString()} has shape [{string.Join(", ", features.Shape)}]; the model takes {scorer.WindowFrames} x {scorer.Bands}.");
            }

            for (int n = 0; n < features.Shape[0]; n++)
            {
                for (int i = 0; i < windowValues; i++)
                {
                    window[i] = (float)features.Data[((long)n * windowValues) + i];
                }

                scorer.Score(window, output);
                for (int l = 0; l < labels.Length; l++)
                {
                    scores[labels[l]].Add(output[l]);
                    truth[labels[l]].Add(targets.Data[(n * labels.Length) + l] >= 0.5);
                }
            }
        }

        var curves = labels.ToDictionary(l => l, l => PrecisionRecallCurve.Compute(scores[l], truth[l]));
        var counts = labels.ToDictionary(l => l, l =>
        {
            float threshold = thresholds.TryGetValue(l, out float t) ? t : 0.5f;
            var c = default(BinaryCounts);
            for (int i = 0; i < scores[l].Count; i++)
            {
                c = c.With(truth[l][i], scores[l][i] >= threshold);
            }

            return c;
        });
        return new WindowMetrics(curves, counts, scores[labels[0]].Count);
    }
}
