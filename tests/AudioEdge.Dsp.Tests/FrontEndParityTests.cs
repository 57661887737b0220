using System.Runtime.InteropServices;
using AudioEdge.Dsp.Serialization;
using AudioEdge.Dsp.Simd;
using AudioEdge.Dsp.Tests.Reference;

namespace AudioEdge.Dsp.Tests;

/// <summary>The whole log-mel against two independent float64 implementations, on every SIMD path (see <see cref="LogMelTolerance"/>).</summary>
[TestFixture]
[Category("FrontEnd")]
public sealed class FrontEndParityTests
{
    private static readonly SimdLevel[] Levels = Enum.GetValues<SimdLevel>();

    private static IEnumerable<TestCaseData> SignalsTimesLevels() =>
        from signal in TestSignals.All()
        from level in Levels
        select new TestCaseData(signal.Samples, level).SetArgDisplayNames(signal.Name, level.ToString());

    [TestCaseSource(nameof(SignalsTimesLevels))]
    public void Matches_the_MathNet_reference(float[] signal, SimdLevel level)
    {
        FrontEndOptions o = FrontEndOptions.Default;
        float[] actual = LogMelFrontEnd.ComputeAll(signal, o, level);
        double[][] reference = ReferenceLogMel.MelEnergies(signal, o);

        Assert.That(actual, Has.Length.EqualTo(reference.Length * o.MelBands));
        Assert.That(LogMelTolerance.Compare(actual, reference, o.MelBands, o.LogFloor), Is.Null);
    }

    private static IEnumerable<TestCaseData> FixturesTimesLevels() =>
        from name in new[] { "noise", "alarm_tone", "chirp", "square_520", "impulse_in_silence" }
        from level in Levels
        select new TestCaseData(name, level).SetArgDisplayNames(name, level.ToString());

    /// <summary>Fixtures written by tools/fixtures/make_logmel_fixtures.py (numpy float64, np.fft.rfft, dense mel matrix).</summary>
    [TestCaseSource(nameof(FixturesTimesLevels))]
    public void Matches_the_numpy_fixtures(string name, SimdLevel level)
    {
        FrontEndOptions o = FrontEndOptions.Default;
        NpyArray signal = NpyReader.ReadFile(FixturePath(name + ".signal.npy"));
        NpyArray expected = NpyReader.ReadFile(FixturePath(name + ".logmel.npy"));
        float[] samples = signal.Data.Select(v => (float)v).ToArray();

        // Sanity-check the fixture itself before trusting it: right shape and physically plausible content.
        Assert.That(expected.Shape, Is.EqualTo(new[] { LogMelFrontEnd.FrameCount(samples.Length, o), o.MelBands }));
        Assert.That(expected.Data, Is.All.GreaterThanOrEqualTo(Math.Log(o.LogFloor) - 1e-6));
        if (name == "alarm_tone")
        {
            // The beep is 3.1 kHz: the loudest band of the first frame must be the band whose centre is nearest it.
            double[] firstFrame = expected.Data.Take(o.MelBands).ToArray();
            int loudest = Array.IndexOf(firstFrame, firstFrame.Max());
            Assert.That(Mel.MelScale.ToHertz(Mel.MelScale.FromHertz(o.MinFrequency) + ((Mel.MelScale.FromHertz(o.MaxFrequency) - Mel.MelScale.FromHertz(o.MinFrequency)) * (loudest + 1) / (o.MelBands + 1))), Is.EqualTo(3100).Within(80));
        }

        double[][] energies = Enumerable.Range(0, expected.Shape[0])
            .Select(f => expected.Data.Skip(f * o.MelBands).Take(o.MelBands).Select(Math.Exp).ToArray())
            .ToArray();

        float[] actual = LogMelFrontEnd.ComputeAll(samples, o, level);

        Assert.That(LogMelTolerance.Compare(actual, energies, o.MelBands, o.LogFloor), Is.Null);
    }

    [Test]
    public void Silence_is_the_log_floor_everywhere([ValueSource(nameof(Levels))] SimdLevel level)
    {
        float[] actual = LogMelFrontEnd.ComputeAll(new float[4000], null, level);
        Assert.That(actual, Is.All.EqualTo(MathF.Log(FrontEndOptions.Default.LogFloor)).Within(1e-5));
    }

    [Test]
    public void Vector_paths_agree_with_the_scalar_path([Values(SimdLevel.Vector128, SimdLevel.Vector256)] SimdLevel level)
    {
        float[] signal = TestSignals.Noise(16000, 0.3, 11);
        float[] scalar = LogMelFrontEnd.ComputeAll(signal, null, SimdLevel.Scalar);
        float[] vector = LogMelFrontEnd.ComputeAll(signal, null, level);
        Assert.That(vector, Is.EqualTo(scalar).Within(2e-3));
    }

    /// <summary>Run on every platform; under qemu-aarch64 it proves that the AdvSimd path is what actually ran.</summary>
    [Test]
    public void The_best_level_is_the_one_the_hardware_accelerates()
    {
        bool intrinsicsDisabled = Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0";
        TestContext.Out.WriteLine($"{RuntimeInformation.ProcessArchitecture}: {SimdCapabilities.Describe()}");
        if (intrinsicsDisabled)
        {
            Assert.That(SimdCapabilities.Best, Is.EqualTo(SimdLevel.Scalar));
        }
        else if (RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
        {
            Assert.That(System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported, Is.True, "AdvSimd must be available on ARM64");
            Assert.That(SimdCapabilities.Best, Is.EqualTo(SimdLevel.Vector128), "Vector256 is not accelerated on ARM64");
        }
        else if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            Assert.That(SimdCapabilities.Best, Is.EqualTo(SimdLevel.Vector256));
        }
        else
        {
            Assert.That(SimdCapabilities.Best, Is.Not.EqualTo(SimdLevel.Vector256));
        }
    }

    private static string FixturePath(string file) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", file);
}
