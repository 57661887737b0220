namespace AudioEdge.Audio.Tests.Support;

/// <summary>Drains a source the way a caller with changing period sizes would.</summary>
internal static class SourceReads
{
    /// <summary>Everything <paramref name="source"/> delivers, read in random sizes from 1 to <paramref name="maxRead"/> − 1 samples.</summary>
    public static List<float> InRandomSizes(AudioSource source, int seed, int maxRead)
    {
        var random = new Random(seed);
        var collected = new List<float>();
        var buffer = new float[maxRead];
        int read;
        while ((read = source.Read(buffer.AsSpan(0, random.Next(1, maxRead)))) > 0)
        {
            collected.AddRange(buffer.AsSpan(0, read));
        }

        return collected;
    }
}
