namespace AudioEdge.Audio.Alsa.Tests;

/// <summary>One thing a <see cref="ScriptedPcmDevice"/> does next: deliver samples, or fail a read or a wait with -errno.</summary>
internal readonly record struct PcmStep(short[]? Samples, int Error, bool FromWait)
{
    public static PcmStep Data(short[] samples) => new(samples, 0, false);

    public static PcmStep ReadError(int errno) => new(null, -errno, false);

    public static PcmStep WaitError(int errno) => new(null, -errno, true);
}
