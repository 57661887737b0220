using System.Diagnostics.CodeAnalysis;

namespace AudioEdge.Audio.Buffering;

/// <summary>
/// Single-producer single-consumer float ring buffer between a capture thread and the processing loop.
/// Never allocates after construction; when full, the incoming samples are dropped and counted.
/// </summary>
/// <remarks>
/// <para>
/// Lock-free on the data path: the producer owns <c>_writePosition</c>, the consumer owns <c>_readPosition</c>,
/// and each publishes its index with a release store after touching the samples, so the other side's acquire
/// load sees the samples before the index. Positions are 64-bit running totals rather than wrapped offsets, so
/// "full" and "empty" are never ambiguous and no slot has to be sacrificed.
/// </para>
/// <para>
/// Dropping the newest samples (not overwriting the oldest) keeps the producer from ever touching memory the
/// consumer may be reading. An overflow means the detector fell behind; the gap is counted in
/// <see cref="DroppedSamples"/> for telemetry.
/// </para>
/// <para>
/// Exactly one thread may call <see cref="Write"/> and <see cref="Complete"/>, and exactly one thread may call
/// <see cref="Read"/>. The properties may be read from any thread.
/// </para>
/// </remarks>
[SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The ManualResetEventSlim never hands out its WaitHandle, so it owns no kernel object; disposing it while the capture thread may still signal would only add a race.")]
public sealed class AudioRingBuffer
{
    private readonly float[] _buffer;

    // Signalled by the writer after every write and on completion; the reader blocks on it only when empty.
    // No spinning: audio arrives every few milliseconds at best, so a spin before blocking never pays off.
    private readonly ManualResetEventSlim _dataAvailable = new(initialState: false, spinCount: 0);

    private long _writePosition;
    private long _readPosition;
    private long _droppedSamples;
    private int _completed;

    /// <summary>Creates a ring that holds up to <paramref name="capacity"/> samples.</summary>
    public AudioRingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _buffer = new float[capacity];
    }

    /// <summary>The most samples the ring holds.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Samples written and not yet read (a snapshot when read from a third thread).</summary>
    public int Count
    {
        get
        {
            // Read the consumer's index first: the producer's can only have grown since, so the difference is
            // never negative; clamp the rare case where the consumer moved on in between.
            long read = Volatile.Read(ref _readPosition);
            long write = Volatile.Read(ref _writePosition);
            return (int)Math.Clamp(write - read, 0, _buffer.Length);
        }
    }

    /// <summary>Samples discarded by <see cref="Write"/> because the ring was full.</summary>
    public long DroppedSamples => Interlocked.Read(ref _droppedSamples);

    /// <summary>True once <see cref="Complete"/> was called (there may still be samples to read).</summary>
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>Producer: copies as much as fits, drops (and counts) the rest; returns the number written.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Complete"/> was already called.</exception>
    public int Write(ReadOnlySpan<float> samples)
    {
        if (IsCompleted)
        {
            throw new InvalidOperationException("Cannot write to an AudioRingBuffer after Complete().");
        }

        long write = _writePosition;
        long read = Volatile.Read(ref _readPosition);
        int free = _buffer.Length - (int)(write - read);
        int count = Math.Min(free, samples.Length);
        if (count > 0)
        {
            int start = (int)(write % _buffer.Length);
            int first = Math.Min(count, _buffer.Length - start);
            samples[..first].CopyTo(_buffer.AsSpan(start));
            samples[first..count].CopyTo(_buffer);

            // Release: the samples above are visible before the reader can see the new position.
            Volatile.Write(ref _writePosition, write + count);

            // Set() is an interlocked update (a full fence) and only takes a lock when a reader is waiting.
            _dataAvailable.Set();
        }

        if (count < samples.Length)
        {
            Interlocked.Add(ref _droppedSamples, samples.Length - count);
        }

        return count;
    }

    /// <summary>
    /// Consumer: blocks until at least one sample is there or the writer completed; 0 = completed and empty
    /// (or <paramref name="destination"/> is empty).
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting for samples.</exception>
    public int Read(Span<float> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        long read = _readPosition;
        while (true)
        {
            long write = Volatile.Read(ref _writePosition);
            if (write != read)
            {
                int count = (int)Math.Min(write - read, destination.Length);
                int start = (int)(read % _buffer.Length);
                int first = Math.Min(count, _buffer.Length - start);
                _buffer.AsSpan(start, first).CopyTo(destination);
                _buffer.AsSpan(0, count - first).CopyTo(destination[first..]);

                // Release: the copies above are done before the writer may reuse these slots.
                Volatile.Write(ref _readPosition, read + count);
                return count;
            }

            if (IsCompleted)
            {
                // Complete() is called after the last Write(), so once it is seen the position read next is final.
                if (Volatile.Read(ref _writePosition) != read)
                {
                    continue;
                }

                return 0;
            }

            // Reset, then look again before sleeping: a write that lands between the check above and the Reset
            // would otherwise leave us asleep on data. The fence orders the Reset before the re-check.
            _dataAvailable.Reset();
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _writePosition) != read || IsCompleted)
            {
                continue;
            }

            _dataAvailable.Wait(cancellationToken);
        }
    }

    /// <summary>Producer: no more samples will come; a blocked reader wakes and drains what is left.</summary>
    public void Complete()
    {
        Volatile.Write(ref _completed, 1);
        _dataAvailable.Set();
    }
}
