namespace AudioEdge.Synthesis.Negatives;

/// <summary>The impulsive sounds <see cref="HardNegativeKind.Impacts"/> draws from.</summary>
internal enum ImpactKind
{
    /// <summary>A low thud with a short, dull (low-passed) crack: no high-frequency shatter.</summary>
    DoorSlam,

    /// <summary>Two to four knuckle knocks, 150–500 Hz.</summary>
    Knocks,

    /// <summary>Metal or ceramic contacts: a few high modes, no noise burst, no thud.</summary>
    CutleryClinks,

    /// <summary>Many small contacts within a second (a dropped handful of cutlery).</summary>
    Clatter,
}
