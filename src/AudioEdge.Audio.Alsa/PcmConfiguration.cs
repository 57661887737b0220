namespace AudioEdge.Audio.Alsa;

/// <summary>What the device actually agreed to: rate and period may differ from what was asked for.</summary>
internal readonly record struct PcmConfiguration(
    AlsaSampleFormat Format,
    int Channels,
    int SampleRate,
    int PeriodFrames,
    int BufferFrames)
{
    public int BytesPerSample => Format == AlsaSampleFormat.S16LE ? sizeof(short) : sizeof(int);

    public int BytesPerFrame => BytesPerSample * Channels;
}
