namespace AudioEdge.Audio.Buffering;

/// <summary>
/// CONTRACT STUB (to be implemented): single-producer single-consumer float ring buffer between a capture
/// thread and the processing loop. Never allocates after construction; when full, the incoming samples
/// are dropped and counted.
/// </summary>
public sealed class AudioRingBuffer
{
    public AudioRingBuffer(int capacity) => throw new NotImplementedException();

    public int Capacity => throw new NotImplementedException();

    public int Count => throw new NotImplementedException();

    public long DroppedSamples => throw new NotImplementedException();

    /// <summary>Producer: copies as much as fits, drops (and counts) the rest; returns the number written.</summary>
    public int Write(ReadOnlySpan<float> samples) => throw new NotImplementedException();

    /// <summary>Consumer: blocks until at least one sample is there or the writer completed; 0 = completed and empty.</summary>
    public int Read(Span<float> destination, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Producer: no more samples will come; a blocked reader wakes and drains what is left.</summary>
    public void Complete() => throw new NotImplementedException();
}
