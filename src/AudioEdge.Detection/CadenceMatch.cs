namespace AudioEdge.Detection;

/// <summary>A pattern the decoder recognised.</summary>
/// <param name="Pattern">Which pattern.</param>
/// <param name="Start">Onset of the first beep of the matched sequence, seconds.</param>
/// <param name="Time">When the match was decided (the frame that completed it), seconds.</param>
/// <param name="Fit">How closely the timing fits the nominal pattern: 1 exact, 0 at the tolerance limits.</param>
/// <param name="Band">The mel band of the tone's peak (alarms beep at one pitch).</param>
/// <param name="LastSound">When the matched sequence was last heard: the newest beep's end, or <paramref name="Time"/> while it sounds.</param>
/// <param name="Cycles">
/// For temporal-4: how many consecutive groups of one sounder (same pitch and level, one cycle apart) this group
/// completes, 1 for a first group. Other patterns: 1.
/// </param>
public readonly record struct CadenceMatch(CadencePattern Pattern, double Start, double Time, double Fit, int Band, double LastSound, int Cycles = 1);
