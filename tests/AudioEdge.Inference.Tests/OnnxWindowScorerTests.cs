using AudioEdge.Testing;
using Microsoft.ML.OnnxRuntime;

namespace AudioEdge.Inference.Tests;

[TestFixture]
public sealed class OnnxWindowScorerTests
{
    [TestCase("fp32", 1e-5)]
    // ORT's integer kernels requantize with their own rounding; the numpy reference evaluates the QDQ graph
    // literally. A one-step difference of the activation's quantizer moves a score by about 1e-4.
    [TestCase("int8", 1e-3)]
    public void Scores_match_the_numpy_reference(string variant, double tolerance)
    {
        using OnnxWindowScorer scorer = ModelPackage.Load(TinyModel.Manifest, variant).CreateScorer();
        float[][] inputs = TinyModel.ReferenceInputs();
        double[][] expected = TinyModel.ReferenceOutputs(variant);
        var scores = new float[2];

        Assert.That(inputs, Has.Length.EqualTo(6), "fixture sanity: six reference windows");
        double worst = 0;
        for (int c = 0; c < inputs.Length; c++)
        {
            // One scorer, windows in sequence: also proves the bound input is re-read on every run.
            scorer.Score(inputs[c], scores);
            for (int l = 0; l < 2; l++)
            {
                worst = Math.Max(worst, Math.Abs(scores[l] - expected[c][l]));
                Assert.That(scores[l], Is.EqualTo(expected[c][l]).Within(tolerance), $"case {c}, label {l}");
            }
        }

        TestContext.Out.WriteLine($"{variant}: largest difference from numpy {worst:E2}");
    }

    [Test]
    public void The_fixture_model_responds_to_alarm_tones_not_to_quiet()
    {
        // Sanity of the stand-in model, which the detection and CLI tests rely on: cases 0 and 1 are alarm
        // tones (3.1 kHz piezo, 520 Hz square), case 2 a quiet room.
        double[][] expected = TinyModel.ReferenceOutputs("int8");
        Assert.That(expected[0][0], Is.GreaterThan(0.5));
        Assert.That(expected[1][0], Is.GreaterThan(0.5));
        Assert.That(expected[2][0], Is.LessThan(0.2));
        Assert.That(expected.Select(e => e[1]), Has.All.LessThan(0.5), "no glass anywhere");
    }

    [Test]
    public void Describes_its_window_and_labels()
    {
        using OnnxWindowScorer scorer = ModelPackage.Load(TinyModel.Manifest).CreateScorer(new OnnxScorerOptions { IntraOpNumThreads = 2 });
        Assert.That(scorer.Labels, Is.EqualTo(new[] { "alarm", "glass_break" }));
        Assert.That(scorer.WindowFrames, Is.EqualTo(96));
        Assert.That(scorer.Bands, Is.EqualTo(64));
        Assert.That(scorer.InputName, Is.EqualTo("logmel"));
    }

    [Test]
    public void Scoring_allocates_nothing_in_steady_state([Values("fp32", "int8")] string variant)
    {
        using OnnxWindowScorer scorer = ModelPackage.Load(TinyModel.Manifest, variant).CreateScorer();
        float[] window = TinyModel.ReferenceInputs()[0];
        var scores = new float[2];
        float sum = 0;

        long allocated = SteadyState.MinimumAllocatedBytes(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                scorer.Score(window, scores);
                sum += scores[0];
            }
        });

        Assert.That(sum, Is.GreaterThan(0));
        Assert.That(allocated, Is.Zero, $"{allocated} bytes in the best round of 50 scores");
    }

    /// <summary>Why the scorer uses an IO binding: a record of what ORT's Run overload with pre-created outputs costs.</summary>
    [Test]
    public void The_plain_Run_overload_allocates()
    {
        var input = new float[96 * 64];
        var output = new float[2];
        using var options = OnnxWindowScorer.CreateSessionOptions(OnnxScorerOptions.Default);
        using var session = new InferenceSession(TinyModel.Fp32, options);
        using var runOptions = new RunOptions();
        using OrtValue inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, 1, 96, 64]);
        using OrtValue outputValue = OrtValue.CreateTensorValueFromMemory(output, [1, 2]);
        string[] inputNames = ["logmel"], outputNames = ["scores"];
        OrtValue[] inputs = [inputValue], outputs = [outputValue];

        long allocated = SteadyState.MinimumAllocatedBytes(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                session.Run(runOptions, inputNames, inputs, outputNames, outputs);
            }
        });

        TestContext.Out.WriteLine($"Run(RunOptions, names, values, names, values): {allocated / 50.0:F0} bytes per call");
        Assert.That(output[0], Is.GreaterThan(0), "it did run");
        if (allocated == 0)
        {
            Assert.Inconclusive("This ORT version's Run overload no longer allocates: the IO binding could go.");
        }
    }

    [Test]
    public void Wrong_span_lengths_are_rejected()
    {
        using OnnxWindowScorer scorer = ModelPackage.Load(TinyModel.Manifest).CreateScorer();
        Assert.That(() => scorer.Score(new float[95 * 64], new float[2]), Throws.ArgumentException);
        Assert.That(() => scorer.Score(new float[96 * 64], new float[1]), Throws.ArgumentException);
    }

    [Test]
    public void Dispose_is_idempotent_and_scoring_afterwards_throws()
    {
        OnnxWindowScorer scorer = ModelPackage.Load(TinyModel.Manifest).CreateScorer();
        scorer.Dispose();
        scorer.Dispose();
        Assert.That(() => scorer.Score(new float[96 * 64], new float[2]), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void A_graph_that_does_not_match_the_manifest_is_refused()
    {
        ModelLoadException name = Assert.Throws<ModelLoadException>(() =>
            new OnnxWindowScorer(TinyModel.Fp32, ["alarm", "glass_break"], "features", 96, 64, "scores"))!;
        Assert.That(name.Message, Does.Contain("no input named 'features'").And.Contain("logmel"));

        ModelLoadException shape = Assert.Throws<ModelLoadException>(() =>
            new OnnxWindowScorer(TinyModel.Fp32, ["alarm", "glass_break"], "logmel", 100, 64, "scores"))!;
        Assert.That(shape.Message, Does.Contain("shape [1, 1, 96, 64]").And.Contain("[1, 1, 100, 64]"));

        ModelLoadException labels = Assert.Throws<ModelLoadException>(() =>
            new OnnxWindowScorer(TinyModel.Fp32, ["alarm", "glass_break", "co"], "logmel", 96, 64, "scores"))!;
        Assert.That(labels.Message, Does.Contain("output 'scores' has shape [1, 2]"));
    }

    [Test]
    public void A_file_that_is_not_onnx_is_refused_in_one_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(path, "this is not a model");
        try
        {
            ModelLoadException ex = Assert.Throws<ModelLoadException>(() => new OnnxWindowScorer(path, ["a"], "x", 1, 1, "y"))!;
            Assert.That(ex.Message, Does.StartWith(path).And.Contain("cannot load"));
            Assert.That(ex.Message, Does.Not.Contain('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Invalid_options_list_every_problem()
    {
        var options = new OnnxScorerOptions { IntraOpNumThreads = 0, OptimizedModelFilePath = "/no/such/dir/x.onnx" };
        Assert.That(options.Validate(), Has.Count.EqualTo(2));
        Assert.That(() => ModelPackage.Load(TinyModel.Manifest).CreateScorer(options), Throws.ArgumentException.With.Message.Contains("IntraOpNumThreads"));
    }
}
