using System.Text.Json;
using AudioEdge.Dsp;

namespace AudioEdge.Inference.Tests;

[TestFixture]
public sealed class ModelManifestTests
{
    [Test]
    public void The_fixture_manifest_parses_and_is_valid()
    {
        ModelManifest manifest = ModelManifest.Parse(File.ReadAllText(TinyModel.Manifest));

        Assert.That(manifest.Validate(), Is.Empty);
        Assert.That(manifest.Name, Is.EqualTo("tiny-fixture@0.0.1"));
        Assert.That(manifest.Labels, Is.EqualTo(new[] { "alarm", "glass_break" }));
        Assert.That(manifest.Input.Name, Is.EqualTo("logmel"));
        Assert.That(manifest.Input.Frames, Is.EqualTo(96));
        Assert.That(manifest.Input.Bands, Is.EqualTo(64));
        Assert.That(manifest.Output.Name, Is.EqualTo("scores"));
        Assert.That(manifest.HopFrames, Is.EqualTo(10));
        Assert.That(manifest.DefaultVariant, Is.EqualTo("int8"));
        Assert.That(manifest.Variants.Keys, Is.EquivalentTo(new[] { "int8", "fp32" }));
        Assert.That(manifest.Thresholds["glass_break"], Is.EqualTo(0.6f));
        Assert.That(manifest.Data!["note"].GetString(), Does.Contain("hand-set"));
    }

    [Test]
    public void The_generators_fingerprint_is_the_front_ends_default()
    {
        // make_tiny_models.py writes the fingerprint as a constant; this catches the two drifting apart.
        ModelManifest manifest = ModelManifest.Parse(File.ReadAllText(TinyModel.Manifest));
        Assert.That(manifest.FrontEnd, Is.EqualTo(FrontEndOptions.Default.Fingerprint()));
    }

    [Test]
    public void Validate_reports_every_problem_at_once()
    {
        const string json = """
            {
              "id": "bad id", "labels": ["alarm", "alarm"], "input": {"name": "", "frames": 0, "bands": 64},
              "output": {}, "hop_frames": 0, "front_end": "",
              "variants": {"int8": {"file": "../escape.onnx", "sha256": "xyz"}},
              "default_variant": "fp16", "thresholds": {"alarm": 1.5, "siren": 0.5}
            }
            """;

        IReadOnlyList<string> errors = ModelManifest.Parse(json).Validate();

        Assert.That(errors, Has.Some.Contains("id must be"));
        Assert.That(errors, Has.Some.Contains("version is missing"));
        Assert.That(errors, Has.Some.Contains("labels must be distinct"));
        Assert.That(errors, Has.Some.Contains("input.name"));
        Assert.That(errors, Has.Some.Contains("input.frames"));
        Assert.That(errors, Has.Some.Contains("output.name"));
        Assert.That(errors, Has.Some.Contains("hop_frames"));
        Assert.That(errors, Has.Some.Contains("front_end"));
        Assert.That(errors, Has.Some.Contains("variants.int8.file must be a path inside"));
        Assert.That(errors, Has.Some.Contains("variants.int8.sha256"));
        Assert.That(errors, Has.Some.Contains("default_variant \"fp16\""));
        Assert.That(errors, Has.Some.Contains("thresholds.alarm must be within (0, 1)"));
        Assert.That(errors, Has.Some.Contains("\"siren\", which is not a label"));
        Assert.That(errors, Has.Count.EqualTo(13));
    }

    [Test]
    public void A_label_without_a_threshold_is_an_error()
    {
        string json = File.ReadAllText(TinyModel.Manifest).Replace("\"glass_break\": 0.6", "\"alarm_x\": 0.6", StringComparison.Ordinal);
        IReadOnlyList<string> errors = ModelManifest.Parse(json).Validate();
        Assert.That(errors, Has.Some.Contains("no value for label \"glass_break\""));
    }

    [Test]
    public void Round_trips_through_json_and_ignores_unknown_keys()
    {
        string json = File.ReadAllText(TinyModel.Manifest).Replace("\"hop_frames\"", "\"future_field\": [1, 2], // a comment\n  \"hop_frames\"", StringComparison.Ordinal);
        ModelManifest manifest = ModelManifest.Parse(json);
        ModelManifest again = ModelManifest.Parse(manifest.ToJson());

        Assert.That(again.Validate(), Is.Empty);
        Assert.That(again.Name, Is.EqualTo(manifest.Name));
        Assert.That(again.Variants["fp32"].Sha256, Is.EqualTo(manifest.Variants["fp32"].Sha256));
        Assert.That(again.Thresholds, Is.EquivalentTo(manifest.Thresholds));
        Assert.That(manifest.ToJson(), Does.Contain("\"default_variant\"").And.Contain("\"hop_frames\""), "snake_case keys");
    }

    [Test]
    public void Malformed_json_throws_json_exception()
    {
        Assert.That(() => ModelManifest.Parse("{ \"id\": "), Throws.InstanceOf<JsonException>());
        Assert.That(() => ModelManifest.Parse("{ \"hop_frames\": \"ten\" }"), Throws.InstanceOf<JsonException>());
        Assert.That(() => ModelManifest.Parse("null"), Throws.InstanceOf<JsonException>());
    }
}
