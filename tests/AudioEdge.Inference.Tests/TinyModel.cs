using AudioEdge.Dsp.Serialization;

namespace AudioEdge.Inference.Tests;

/// <summary>The fixture models from Fixtures/make_tiny_models.py, and scratch copies of them to break.</summary>
internal static class TinyModel
{
    public static string FixtureDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures");

    public static string Manifest => Path.Combine(FixtureDirectory, "manifest.json");

    public static string Fp32 => Path.Combine(FixtureDirectory, "tiny_fp32.onnx");

    public static string Int8 => Path.Combine(FixtureDirectory, "tiny_int8.onnx");

    /// <summary>The reference windows, [cases][96 × 64].</summary>
    public static float[][] ReferenceInputs()
    {
        NpyArray inputs = NpyReader.ReadFile(Path.Combine(FixtureDirectory, "reference_input.npy"));
        int size = inputs.Shape[1] * inputs.Shape[2];
        return Enumerable.Range(0, inputs.Shape[0])
            .Select(c => inputs.Data.Skip(c * size).Take(size).Select(v => (float)v).ToArray())
            .ToArray();
    }

    /// <summary>The numpy outputs for <see cref="ReferenceInputs"/>, [cases][2].</summary>
    public static double[][] ReferenceOutputs(string variant)
    {
        NpyArray outputs = NpyReader.ReadFile(Path.Combine(FixtureDirectory, $"reference_{variant}.npy"));
        return Enumerable.Range(0, outputs.Shape[0]).Select(c => outputs.Data.Skip(c * 2).Take(2).ToArray()).ToArray();
    }

    /// <summary>A scratch copy of the fixture directory, deleted on dispose.</summary>
    public static ScratchModel Copy() => new();

    internal sealed class ScratchModel : IDisposable
    {
        public ScratchModel()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("audioedge-model-").FullName;
            foreach (string file in System.IO.Directory.GetFiles(FixtureDirectory))
            {
                File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
            }
        }

        public string Directory { get; }

        public string Manifest => Path.Combine(Directory, "manifest.json");

        public string PathOf(string name) => Path.Combine(Directory, name);

        /// <summary>Rewrites the manifest text (e.g. a string replacement).</summary>
        public void EditManifest(Func<string, string> edit) => File.WriteAllText(Manifest, edit(File.ReadAllText(Manifest)));

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
