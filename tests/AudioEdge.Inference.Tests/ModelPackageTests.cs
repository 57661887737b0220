using AudioEdge.Dsp;

namespace AudioEdge.Inference.Tests;

[TestFixture]
public sealed class ModelPackageTests
{
    [Test]
    public void Loads_the_default_variant_and_verifies_it()
    {
        ModelPackage package = ModelPackage.Load(TinyModel.Manifest);

        Assert.That(package.Variant, Is.EqualTo("int8"));
        Assert.That(package.ModelPath, Is.EqualTo(TinyModel.Int8));
        Assert.That(package.Name, Is.EqualTo("tiny-fixture@0.0.1"));
        Assert.That(package.Threshold("alarm"), Is.EqualTo(0.5f));
        Assert.That(() => package.Threshold("siren"), Throws.ArgumentException);
    }

    [Test]
    public void Loads_a_named_variant_and_accepts_the_models_directory()
    {
        ModelPackage package = ModelPackage.Load(TinyModel.FixtureDirectory, "fp32");
        Assert.That(package.ModelPath, Is.EqualTo(TinyModel.Fp32));
    }

    [Test]
    public void A_variants_own_thresholds_take_precedence()
    {
        using TinyModel.ScratchModel model = TinyModel.Copy();
        model.EditManifest(s => s.Replace("\"file\": \"tiny_fp32.onnx\",", "\"file\": \"tiny_fp32.onnx\", \"thresholds\": {\"alarm\": 0.42},", StringComparison.Ordinal));

        Assert.That(ModelPackage.Load(model.Manifest, "fp32").Threshold("alarm"), Is.EqualTo(0.42f));
        Assert.That(ModelPackage.Load(model.Manifest, "fp32").Threshold("glass_break"), Is.EqualTo(0.6f), "top-level where the variant is silent");
        Assert.That(ModelPackage.Load(model.Manifest, "int8").Threshold("alarm"), Is.EqualTo(0.5f));

        model.EditManifest(s => s.Replace("0.42", "1.5", StringComparison.Ordinal));
        Assert.That(() => ModelPackage.Load(model.Manifest, "fp32"), Throws.InstanceOf<ModelLoadException>().With.Message.Contains("variants.fp32.thresholds.alarm"));
    }

    [Test]
    public void An_unknown_variant_is_refused_with_the_ones_there_are()
    {
        ModelLoadException ex = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(TinyModel.Manifest, "fp16"))!;
        Assert.That(ex.Message, Does.Contain("no variant 'fp16'").And.Contain("fp32, int8"));
        AssertOneLine(ex);
    }

    [Test]
    public void A_checksum_mismatch_names_the_file_and_both_hashes()
    {
        using TinyModel.ScratchModel model = TinyModel.Copy();
        string file = model.PathOf("tiny_int8.onnx");
        byte[] bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(file, bytes);
        string expected = ModelManifest.Parse(File.ReadAllText(model.Manifest)).Variants["int8"].Sha256;
        string actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        ModelLoadException ex = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(model.Manifest))!;

        Assert.That(ex.Message, Does.StartWith(file).And.Contain("checksum mismatch").And.Contain(expected).And.Contain(actual));
        AssertOneLine(ex);
        Assert.That(() => ModelPackage.Load(model.Manifest, "fp32"), Throws.Nothing, "the other variant is intact");
    }

    [Test]
    public void A_front_end_mismatch_says_which_parameters_differ()
    {
        var other = new FrontEndOptions { HopLength = 320, MaxFrequency = 7500 };

        ModelLoadException ex = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(TinyModel.Manifest, null, other))!;

        Assert.That(ex.Message, Does.Contain("trained on other features"));
        Assert.That(ex.Message, Does.Contain("hop: model 160, runtime 320"));
        Assert.That(ex.Message, Does.Contain("fmax: model 8000, runtime 7500"));
        Assert.That(ex.Message, Does.Not.Contain("sr:"), "only the parameters that differ");
        AssertOneLine(ex);
    }

    [Test]
    public void A_manifest_with_another_feature_type_says_so()
    {
        using TinyModel.ScratchModel model = TinyModel.Copy();
        model.EditManifest(s => s.Replace("logmel/htk/hann-periodic", "logmel/slaney/hann-periodic", StringComparison.Ordinal));

        ModelLoadException ex = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(model.Manifest))!;
        Assert.That(ex.Message, Does.Contain("feature type: model logmel/slaney/hann-periodic, runtime logmel/htk/hann-periodic"));
    }

    [Test]
    public void A_missing_manifest_is_no_model_at_the_path()
    {
        string path = Path.Combine(TinyModel.FixtureDirectory, "absent", "manifest.json");
        ModelLoadException ex = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(path))!;
        Assert.That(ex.Message, Does.StartWith($"no model at {path}"));
    }

    [Test]
    public void A_missing_model_file_is_named()
    {
        using TinyModel.ScratchModel model = TinyModel.Copy();
        File.Delete(model.PathOf("tiny_int8.onnx"));

        ModelLoadException ex = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(model.Manifest))!;
        Assert.That(ex.Message, Does.Contain("tiny_int8.onnx: model file missing"));
    }

    [Test]
    public void Invalid_json_and_invalid_content_are_one_line_each()
    {
        using TinyModel.ScratchModel model = TinyModel.Copy();
        File.WriteAllText(model.Manifest, "{ \"id\": \"x\",\n\n \"labels\": oops }");
        ModelLoadException json = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(model.Manifest))!;
        Assert.That(json.Message, Does.Contain("not a valid model manifest"));
        AssertOneLine(json);

        File.WriteAllText(model.Manifest, "{ \"id\": \"x\" }");
        ModelLoadException invalid = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(model.Manifest))!;
        Assert.That(invalid.Message, Does.Contain("invalid model manifest").And.Contain("version is missing").And.Contain("labels is missing"));
        AssertOneLine(invalid);
    }

    private static void AssertOneLine(Exception ex) => Assert.That(ex.Message, Does.Not.Contain('\n'));
}
