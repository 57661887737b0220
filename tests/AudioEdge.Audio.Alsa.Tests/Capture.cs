namespace AudioEdge.Audio.Alsa.Tests;

/// <summary>Reading helpers that fail a test instead of hanging it.</summary>
internal static class Capture
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Reads exactly <paramref name="count"/> samples in reads of irregular size (like a real consumer's).</summary>
    public static float[] ReadExactly(AudioSource source, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var samples = new float[count];
        int[] chunkSizes = [1, 160, 4096, 37, 1000];
        int filled = 0;
        for (int call = 0; filled < count; call++)
        {
            int wanted = Math.Min(chunkSizes[call % chunkSizes.Length], count - filled);
            int read = source.Read(samples.AsSpan(filled, wanted), timeout.Token);
            Assert.That(read, Is.GreaterThan(0), $"The source ended after {filled} of {count} samples.");
            filled += read;
        }

        return samples;
    }

    /// <summary>Reads until the source returns 0, and returns everything read.</summary>
    public static float[] ReadToEnd(AudioSource source)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var all = new List<float>();
        var buffer = new float[512];
        int read;
        while ((read = source.Read(buffer, timeout.Token)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, read));
        }

        return [.. all];
    }

    /// <summary>Polls <paramref name="condition"/> (for state another thread changes) until it holds or <see cref="Patience"/> runs out.</summary>
    public static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"Timed out waiting until {what}.");
            Thread.Sleep(5);
        }
    }
}
