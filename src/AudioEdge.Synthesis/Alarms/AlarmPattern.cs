namespace AudioEdge.Synthesis.Alarms;

/// <summary>The alarm sounding patterns the detector must recognise.</summary>
public enum AlarmPattern
{
    /// <summary>Smoke alarm, temporal-three (ISO 8201 / NFPA 72): 0.5 s on, 0.5 s off, three times, then 1.5 s off; piezo tone.</summary>
    TemporalThree,

    /// <summary>Smoke alarm beeping continuously and fast (older and many European alarms): on and off 50–250 ms each; piezo tone.</summary>
    ContinuousFast,

    /// <summary>CO alarm, temporal-four: four 100 ms pulses 100 ms apart, then about 5 s off; piezo tone.</summary>
    TemporalFour,

    /// <summary>Sleeping-area low-frequency smoke alarm: 520 Hz ±10 % square wave in the temporal-three cadence (NFPA 72).</summary>
    LowFrequency,
}
