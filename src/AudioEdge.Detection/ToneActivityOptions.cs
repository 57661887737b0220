using System.Globalization;

namespace AudioEdge.Detection;

/// <summary>
/// How <see cref="ToneActivityDetector"/> decides, frame by frame (10 ms), whether an alarm sounder's tone is on.
/// Levels are in dB of mel-band energy.
/// </summary>
public sealed class ToneActivityOptions
{
    /// <summary>Lower edge of the piezo region, Hz. Default 2700 (UL 217 smoke alarms sound at 2.8–3.5 kHz; piezo CO alarms similar).</summary>
    public double PiezoLowHertz { get; init; } = 2700;

    /// <summary>Upper edge of the piezo region, Hz. Default 4000.</summary>
    public double PiezoHighHertz { get; init; } = 4000;

    /// <summary>Lower edge of the low-frequency alarm region, Hz. Default 468 (NFPA 72's 520 Hz −10 %).</summary>
    public double LowToneLowHertz { get; init; } = 468;

    /// <summary>Upper edge of the low-frequency alarm region, Hz. Default 572 (520 Hz +10 %).</summary>
    public double LowToneHighHertz { get; init; } = 572;

    /// <summary>
    /// Bands on each side of the peak left out of its neighbourhood. Default 2: a pure tone lights its own band
    /// and, through the overlapping triangles and the Hann window's main lobe, up to two neighbours.
    /// </summary>
    public int GuardBands { get; init; } = 2;

    /// <summary>Bands on each side of the peak whose median is the reference level. Default 8.</summary>
    public int NeighbourhoodBands { get; init; } = 8;

    /// <summary>A tone turns on when its peak stands this far above the neighbourhood median. Default 10 dB.</summary>
    public double OnProminenceDb { get; init; } = 10;

    /// <summary>An on tone turns off below this prominence. Default 6 dB (hysteresis: no flicker at the threshold).</summary>
    public double OffProminenceDb { get; init; } = 6;

    /// <summary>
    /// An on tone also turns off when its own band's level falls this far below the loudest it was (the level, not
    /// the prominence: noise swelling around a steady beep does not end it). Default 12 dB: a
    /// loud beep's reverberation tail stays above any absolute threshold for a while, but falls 12 dB within
    /// ~70 ms in a furnished room (RT60 ≈ 0.4 s), so beeps keep their length and CO pulses their gaps.
    /// </summary>
    public double DropDb { get; init; } = 12;

    /// <summary>An off tone turns on again only after rising this far above its lowest since it went off. Default 6 dB.</summary>
    public double RiseDb { get; init; } = 6;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var invariant = CultureInfo.InvariantCulture;
        if (!(PiezoLowHertz > 0 && PiezoHighHertz > PiezoLowHertz))
        {
            errors.Add(string.Create(invariant, $"Tone.PiezoLowHertz..PiezoHighHertz must be an increasing positive range (got {PiezoLowHertz}..{PiezoHighHertz})."));
        }

        if (!(LowToneLowHertz > 0 && LowToneHighHertz > LowToneLowHertz))
        {
            errors.Add(string.Create(invariant, $"Tone.LowToneLowHertz..LowToneHighHertz must be an increasing positive range (got {LowToneLowHertz}..{LowToneHighHertz})."));
        }

        if (GuardBands < 0 || NeighbourhoodBands <= GuardBands || NeighbourhoodBands > 32)
        {
            errors.Add(string.Create(invariant, $"Tone.NeighbourhoodBands must be above GuardBands (>= 0) and at most 32 (got {NeighbourhoodBands} and {GuardBands})."));
        }

        if (!(OffProminenceDb > 0 && OnProminenceDb >= OffProminenceDb))
        {
            errors.Add(string.Create(invariant, $"Tone.OnProminenceDb must be >= OffProminenceDb > 0 (got {OnProminenceDb} and {OffProminenceDb})."));
        }

        if (!(DropDb > 0) || !(RiseDb > 0))
        {
            errors.Add(string.Create(invariant, $"Tone.DropDb and Tone.RiseDb must be positive (got {DropDb} and {RiseDb})."));
        }

        return errors;
    }
}
