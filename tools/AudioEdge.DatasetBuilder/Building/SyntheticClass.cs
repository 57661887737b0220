using AudioEdge.Synthesis;
using AudioEdge.Synthesis.Alarms;
using AudioEdge.Synthesis.Glass;
using AudioEdge.Synthesis.Negatives;
using AudioEdge.Synthesis.Speech;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>A kind of synthetic clip: its name (the examples' category), its length and how it is generated.</summary>
/// <param name="Name">smoke_t3, co_t4, glass_break, appliance_beeps, …</param>
/// <param name="Seconds">Clip length range.</param>
/// <param name="HopFrames">Frames between its regular windows.</param>
/// <param name="Generate">Generates a clip of the given length.</param>
internal sealed record SyntheticClass(string Name, (double Min, double Max) Seconds, int HopFrames, Func<double, Random, SynthesizedSound> Generate)
{
    /// <summary>The classes a build synthesises; speech only when espeak-ng is to be used.</summary>
    public static List<SyntheticClass> All(bool speech)
    {
        var classes = new List<SyntheticClass>
        {
            Alarm(AlarmPattern.TemporalThree, (6, 8)),
            Alarm(AlarmPattern.ContinuousFast, (4, 6)),
            Alarm(AlarmPattern.TemporalFour, (6.5, 8)),
            Alarm(AlarmPattern.LowFrequency, (6, 8)),
            new("glass_break", (3, 4), 48, (seconds, random) =>
                GlassBreakSynthesizer.Generate(seconds, random, new GlassBreakOptions { OnsetSeconds = new ValueRange(1.1, 1.8) })),
        };
        foreach (HardNegativeKind kind in Enum.GetValues<HardNegativeKind>())
        {
            classes.Add(new(HardNegativeSynthesizer.Name(kind), (4, 6), 48, (seconds, random) => HardNegativeSynthesizer.Generate(kind, seconds, random)));
        }

        if (speech)
        {
            classes.Add(new("speech", (4, 6), 48, (seconds, random) => EspeakSpeech.Generate(seconds, random)));
        }

        return classes;
    }

    private static SyntheticClass Alarm(AlarmPattern pattern, (double, double) seconds) => new(
        AlarmSynthesizer.Name(pattern),
        seconds,
        32,
        (duration, random) =>
        {
            // Half the clips catch the alarm mid-cycle, half hear it start after a moment of room sound.
            double leading = random.NextDouble() < 0.5 ? 0 : random.NextDouble() * 1.5;
            return AlarmSynthesizer.Generate(pattern, duration, random, new AlarmOptions { LeadingSilenceSeconds = ValueRange.Exactly(leading) });
        });
}
