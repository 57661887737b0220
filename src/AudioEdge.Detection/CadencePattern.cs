namespace AudioEdge.Detection;

/// <summary>The sounding patterns <see cref="AlarmCadenceDecoder"/> recognises.</summary>
public enum CadencePattern
{
    /// <summary>Temporal-3 (ISO 8201, NFPA 72): three 0.5 s beeps 1 s apart, then a 1.5 s pause. Smoke/fire.</summary>
    TemporalThree,

    /// <summary>Temporal-4: four 0.1 s pulses 0.2 s apart, then about 5 s of silence. Carbon monoxide.</summary>
    TemporalFour,

    /// <summary>A steady tone, or regular beeping at one pitch, sustained for several seconds. Older/European smoke alarms.</summary>
    Continuous,
}
