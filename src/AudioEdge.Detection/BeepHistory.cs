namespace AudioEdge.Detection;

/// <summary>
/// The last beeps <see cref="AlarmCadenceDecoder"/> has committed, newest first by age, as a fixed ring of
/// parallel arrays: the evidence that its temporal-3, temporal-4 and continuous checks all walk backwards from the
/// newest beep. Fixed arrays because the decoder runs every frame and must not allocate.
/// </summary>
internal sealed class BeepHistory
{
    // Three seconds of the fastest beeping that survives the blip and gap filters, with room to spare.
    private const int Capacity = 48;

    // The slot that a tentative beep (PushTentative) borrowed, as it was before, to be put back.
    private int _savedNewest;
    private int _savedCount;
    private double _savedStart;
    private double _savedEnd;
    private int _savedBand;
    private double _savedPitch;
    private double _savedLevel;
    private bool _savedSoftOnset;
    private bool _savedReverberantTail;

    /// <summary>Onset of each beep, seconds; the cadence is timed by these.</summary>
    public double[] Starts { get; } = new double[Capacity];

    /// <summary>End of each beep, seconds.</summary>
    public double[] Ends { get; } = new double[Capacity];

    /// <summary>Mel band of each beep's peak, from its third frame.</summary>
    public int[] Bands { get; } = new int[Capacity];

    /// <summary>Mean refined pitch of each beep past its onset (fractional mel band), NaN where unknown.</summary>
    public double[] Pitches { get; } = new double[Capacity];

    /// <summary>Mean level of each beep past its onset, dB, NaN where unknown.</summary>
    public double[] Levels { get; } = new double[Capacity];

    /// <summary>
    /// Whether each beep's onset rose out of the beep before it (a T4 pulse split off at a bridged dip) and so is
    /// only roughly timed.
    /// </summary>
    public bool[] SoftOnsets { get; } = new bool[Capacity];

    /// <summary>
    /// Whether each beep is the reverberant tail of the beep before it re-triggering the tone detector
    /// (<see cref="AlarmCadenceOptions.ReverberantTailGapSeconds"/>): kept for the continuous-beeping check, whose
    /// gaps it belongs to, and passed over by the temporal-3 check.
    /// </summary>
    public bool[] ReverberantTails { get; } = new bool[Capacity];

    /// <summary>How many beeps are held (at most the capacity; older ones are overwritten).</summary>
    public int Count { get; private set; }

    /// <summary>The slot of the newest beep (−1 before the first).</summary>
    public int Newest { get; private set; } = -1;

    /// <summary>The slot of the beep of age <paramref name="age"/> (0 the newest).</summary>
    public int Index(int age) => (Newest - age + Capacity) % Capacity;

    /// <summary>Adds a beep as the newest, overwriting the oldest when full.</summary>
    public void Push(double start, double end, int band, double pitch, double level, bool softOnset, bool reverberantTail = false)
    {
        Newest = (Newest + 1) % Capacity;
        SoftOnsets[Newest] = softOnset;
        ReverberantTails[Newest] = reverberantTail;
        Starts[Newest] = start;
        Ends[Newest] = end;
        Bands[Newest] = band;
        Pitches[Newest] = pitch;
        Levels[Newest] = level;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>
    /// Adds a beep still in progress as the newest, to be checked and then taken out again with
    /// <see cref="RemoveTentative"/>; the slot it borrows is restored then, since the history may be full and that
    /// slot hold its oldest beep.
    /// </summary>
    public void PushTentative(double start, double end, int band, double pitch, double level)
    {
        int slot = (Newest + 1) % Capacity;
        (_savedStart, _savedEnd, _savedBand, _savedPitch, _savedLevel, _savedSoftOnset, _savedReverberantTail) = (Starts[slot], Ends[slot], Bands[slot], Pitches[slot], Levels[slot], SoftOnsets[slot], ReverberantTails[slot]);
        (_savedNewest, _savedCount) = (Newest, Count);
        Push(start, end, band, pitch, level, softOnset: false);
    }

    /// <summary>Takes out the beep of the last <see cref="PushTentative"/>, leaving the history as it was before.</summary>
    public void RemoveTentative()
    {
        int slot = Newest;
        (Newest, Count) = (_savedNewest, _savedCount);
        (Starts[slot], Ends[slot], Bands[slot], Pitches[slot], Levels[slot], SoftOnsets[slot], ReverberantTails[slot]) = (_savedStart, _savedEnd, _savedBand, _savedPitch, _savedLevel, _savedSoftOnset, _savedReverberantTail);
    }
}
