namespace AudioEdge.Telemetry;

/// <summary>
/// Block levels in dBFS in 1 dB bins centred on the integers -120..0. Anything quieter than -120 dBFS (including
/// digital silence, -∞, and NaN) counts as -120, anything above 0 as 0. Not thread-safe.
/// </summary>
internal sealed class AudioLevelHistogram
{
    public const int MinDecibels = -120;
    public const int MaxDecibels = 0;

    private readonly long[] _counts = new long[MaxDecibels - MinDecibels + 1];

    public long Count { get; private set; }

    public void Add(double dbfs)
    {
        int bin = dbfs >= MinDecibels
            ? (int)Math.Floor(Math.Min(dbfs, MaxDecibels) - MinDecibels + 0.5)
            : 0;
        _counts[Math.Min(bin, _counts.Length - 1)]++;
        Count++;
    }

    /// <summary>The centre (dBFS) of the bin at percentile <paramref name="p"/>, or null when empty. Resolution 1 dB (±0.5).</summary>
    public double? Percentile(double p)
    {
        int bin = NearestRank.Bin(_counts, Count, p);
        return bin < 0 ? null : MinDecibels + bin;
    }

    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
    }
}
