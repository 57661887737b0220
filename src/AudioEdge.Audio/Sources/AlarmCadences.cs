namespace AudioEdge.Audio.Sources;

/// <summary>Standard alarm sounding patterns, as on/off durations for <see cref="SyntheticAudioOptions.Cadence"/>.</summary>
public static class AlarmCadences
{
    private static readonly TimeSpan Half = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Tenth = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Temporal-three (ISO 8201 / NFPA 72), the smoke/fire evacuation signal: three 0.5 s tones separated by
    /// 0.5 s, then 1.5 s of silence; 4 s period.
    /// </summary>
    public static IReadOnlyList<TimeSpan> TemporalThree { get; } =
        [Half, Half, Half, Half, Half, TimeSpan.FromMilliseconds(1500)];

    /// <summary>
    /// Temporal-four, the carbon-monoxide signal (UL 2034 / EN 50291): four 0.1 s tones separated by 0.1 s,
    /// then 5 s of silence; 5.7 s period.
    /// </summary>
    public static IReadOnlyList<TimeSpan> TemporalFour { get; } =
        [Tenth, Tenth, Tenth, Tenth, Tenth, Tenth, Tenth, TimeSpan.FromSeconds(5)];
}
