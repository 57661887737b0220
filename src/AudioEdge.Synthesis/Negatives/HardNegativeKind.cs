namespace AudioEdge.Synthesis.Negatives;

/// <summary>Sounds that resemble alarms or breaking glass in some way but are neither (hard negatives).</summary>
public enum HardNegativeKind
{
    /// <summary>Microwave, oven and appliance beeps at 1–4 kHz: single, or 3–5 at about 1 s spacing — never a T3/T4 cadence.</summary>
    ApplianceBeeps,

    /// <summary>Ringtone-like melodic sequences of short tones, repeated.</summary>
    Ringtone,

    /// <summary>A two-tone "ding-dong" doorbell with bell-like decaying partials.</summary>
    Doorbell,

    /// <summary>Music-like tones: sustained chords and arpeggios with harmonics.</summary>
    Music,

    /// <summary>Door slams and knocks (low thuds) and cutlery clinks and clatter (short high resonances) — without a shatter's noise burst.</summary>
    Impacts,
}
