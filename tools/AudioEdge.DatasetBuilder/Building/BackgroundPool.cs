using AudioEdge.DatasetBuilder.Data;
using AudioEdge.DatasetBuilder.Decoding;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>
/// Real recordings that synthetic and augmented events are mixed into: every strongly labelled "none" recording
/// (kitchens, rooms, offices, speech, music, noise). Weakly labelled AudioSet clips are left out, since an unlabelled
/// alarm or break may hide in them.
/// </summary>
internal sealed class BackgroundPool
{
    private readonly List<RealRecording> _all;
    private readonly Dictionary<Split, List<RealRecording>> _bySplit;
    private readonly AudioLoader _loader;

    public BackgroundPool(IEnumerable<RealRecording> recordings, AudioLoader loader)
    {
        _all = [.. recordings.Where(r => r.Row.Label == LabelRow.None && !r.Row.WeakLabel).OrderBy(r => r.Path, StringComparer.Ordinal)];
        _bySplit = _all.GroupBy(r => r.Split).ToDictionary(g => g.Key, g => g.ToList());
        _loader = loader;
    }

    public int Count => _all.Count;

    /// <summary>
    /// <paramref name="length"/> samples of a randomly chosen recording (from <paramref name="split"/> only, when given),
    /// from a random offset; a recording shorter than that is looped with 50 ms cross-fades. Null when the pool has
    /// no recording for that split.
    /// </summary>
    public float[]? Take(Split? split, int length, Random random, out RealRecording? source)
    {
        List<RealRecording>? candidates = split is { } s ? _bySplit.GetValueOrDefault(s) : _all;
        source = null;
        if (candidates is null || candidates.Count == 0)
        {
            return null;
        }

        source = candidates[random.Next(candidates.Count)];
        float[] audio = _loader.Load(source.Path, source.ContentHash);
        if (audio.Length == 0)
        {
            return new float[length];
        }

        var output = new float[length];
        if (audio.Length >= length)
        {
            audio.AsSpan(random.Next(audio.Length - length + 1), length).CopyTo(output);
            return output;
        }

        // Loop with overlapping pieces, each faded in and out over 50 ms, so that the seams do not click.
        int fade = audio.Length > 4 * 800 ? 800 : 0;
        int at = 0, offset = random.Next(audio.Length);
        while (at < length)
        {
            int take = Math.Min(audio.Length - offset, length - at);
            bool first = at == 0, last = at + take >= length;
            for (int i = 0; i < take; i++)
            {
                double fadeIn = first || fade == 0 ? 1 : Math.Min(1, (i + 1) / (double)fade);
                double fadeOut = last || fade == 0 ? 1 : Math.Min(1, (take - i) / (double)fade);
                output[at + i] += (float)(audio[offset + i] * fadeIn * fadeOut);
            }

            at += last ? take : Math.Max(1, take - fade);
            offset = 0;
        }

        return output;
    }
}
