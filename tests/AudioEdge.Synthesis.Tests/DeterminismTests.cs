using AudioEdge.Synthesis.Alarms;
using AudioEdge.Synthesis.Augmentation;
using AudioEdge.Synthesis.Glass;
using AudioEdge.Synthesis.Negatives;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.Synthesis.Tests;

public class DeterminismTests
{
    private static IEnumerable<TestCaseData> Generators()
    {
        foreach (AlarmPattern pattern in Enum.GetValues<AlarmPattern>())
        {
            yield return new TestCaseData(new Func<Random, float[]>(r => AlarmSynthesizer.Generate(pattern, 3, r).Samples)).SetArgDisplayNames(pattern.ToString());
        }

        foreach (HardNegativeKind kind in Enum.GetValues<HardNegativeKind>())
        {
            yield return new TestCaseData(new Func<Random, float[]>(r => HardNegativeSynthesizer.Generate(kind, 3, r).Samples)).SetArgDisplayNames(kind.ToString());
        }

        yield return new TestCaseData(new Func<Random, float[]>(r => GlassBreakSynthesizer.Generate(2, r).Samples)).SetArgDisplayNames("glass");
        yield return new TestCaseData(new Func<Random, float[]>(r => RoomImpulseResponse.Generate(0.5, r))).SetArgDisplayNames("room");
        yield return new TestCaseData(new Func<Random, float[]>(r => NoiseGenerator.Generate(NoiseColour.Hum, 8000, 0.1, r))).SetArgDisplayNames("noise");
        yield return new TestCaseData(new Func<Random, float[]>(r => Augmentations.ApplyMicrophone(NoiseGenerator.Generate(NoiseColour.White, 8000, 0.1, new Random(0)), r))).SetArgDisplayNames("microphone");
        yield return new TestCaseData(new Func<Random, float[]>(r =>
        {
            SynthesizedSound glass = GlassBreakSynthesizer.Generate(2, new Random(1));
            float[] bed = NoiseGenerator.Generate(NoiseColour.Pink, glass.Samples.Length, 0.01, new Random(2));
            return new Augmenter(new AugmentationOptions { MaxTimeShiftSeconds = 0.2 }).Apply(glass, bed, r).Sound.Samples;
        })).SetArgDisplayNames("augmenter");
    }

    [TestCaseSource(nameof(Generators))]
    public void Same_seed_gives_identical_output_and_another_seed_differs(Func<Random, float[]> generate)
    {
        float[] first = generate(new Random(42));
        float[] again = generate(new Random(42));
        float[] other = generate(new Random(43));

        Assert.That(again, Is.EqualTo(first).AsCollection);
        Assert.That(other.SequenceEqual(first), Is.False);
    }
}
