using System.Text;
using System.Text.Json.Nodes;

namespace AudioEdge.Telemetry.Tests;

[TestFixture]
public sealed class TelemetryPrivacyTests
{
    [TestCase("schema", true)]
    [TestCase("spectral_profile", true)]
    [TestCase("cpu_temperature_c", true)]
    [TestCase("samples", false)]
    [TestCase("logmel", false)]
    [TestCase("Schema", false)]
    [TestCase("", false)]
    public void The_allow_list_names_the_report_fields(string name, bool allowed) =>
        Assert.That(TelemetryPrivacy.IsAllowedTopLevelField(name), Is.EqualTo(allowed));

    [Test]
    public void The_allow_list_is_exactly_the_report_properties()
    {
        string[] properties = typeof(TelemetryReport).GetProperties().Where(p => p.GetMethod!.IsPublic && !p.GetMethod.IsStatic && p.Name != "EqualityContract")
            .Select(p => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToArray();
        Assert.That(properties, Is.EquivalentTo(TelemetryPrivacy.TopLevelFields));
    }

    [Test]
    public void An_extra_field_is_reported()
    {
        JsonObject report = ValidReport();
        report["samples"] = new JsonArray(0.1, 0.2);
        Assert.That(Check(report), Does.Contain("$.samples is not an allowed field"));
    }

    [Test]
    public void A_missing_field_is_reported()
    {
        JsonObject report = ValidReport();
        report.Remove("rss_mb");
        Assert.That(Check(report), Does.Contain("$.rss_mb is missing"));
    }

    [Test]
    public void A_long_array_anywhere_is_reported()
    {
        JsonObject report = ValidReport();
        report["score_histograms"]!["alarm"] = new JsonArray(Enumerable.Range(0, 64).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        IReadOnlyList<string> problems = Check(report);
        Assert.That(problems, Does.Contain("$.score_histograms.alarm has 64 elements; at most 10 allowed"));
        Assert.That(problems, Does.Contain("$.score_histograms.alarm must be an array of 10 counts"));
    }

    [Test]
    public void A_fine_spectral_profile_is_reported()
    {
        JsonObject report = ValidReport();
        report["spectral_profile"] = new JsonArray(Enumerable.Range(0, 64).Select(_ => (JsonNode?)JsonValue.Create(-5.0)).ToArray());
        Assert.That(Check(report), Does.Contain("$.spectral_profile must be null or an array of 8 numbers"));
    }

    [Test]
    public void Data_hidden_in_a_long_string_is_reported()
    {
        JsonObject report = ValidReport();
        report["model"] = Convert.ToBase64String(new byte[3200]);
        Assert.That(Check(report), Has.Some.StartsWith("$.model is a string of"));
    }

    [Test]
    public void Wrong_types_and_schema_are_reported()
    {
        JsonObject report = ValidReport();
        report["schema"] = "audioedge-telemetry/2";
        report["dropped_samples"] = -1;
        report["cpu_percent"] = "high";
        report["audio_level_dbfs"]!["p99"] = 3;
        IReadOnlyList<string> problems = Check(report);
        Assert.That(problems, Is.SupersetOf(new[]
        {
            "$.schema must be \"audioedge-telemetry/1\"",
            "$.dropped_samples must be a non-negative integer",
            "$.cpu_percent must be a number or null",
            "$.audio_level_dbfs.p99 is not an allowed field",
        }));
    }

    [Test]
    public void Oversized_and_non_json_payloads_are_reported()
    {
        Assert.That(TelemetryPrivacy.CheckPayload(new byte[3000]), Has.Some.StartsWith("payload is 3000 bytes"));
        Assert.That(TelemetryPrivacy.CheckPayload("[1,2]"u8), Does.Contain("payload is not a JSON object"));
        Assert.That(TelemetryPrivacy.CheckPayload("{"u8), Has.Some.StartsWith("payload is not JSON"));
    }

    private static JsonObject ValidReport()
    {
        byte[] payload = TelemetryReportJsonTests.BusyReport().ToJsonUtf8();
        Assert.That(TelemetryPrivacy.CheckPayload(payload), Is.Empty, "the starting point is valid");
        return JsonNode.Parse(payload)!.AsObject();
    }

    private static IReadOnlyList<string> Check(JsonObject report) =>
        TelemetryPrivacy.CheckPayload(Encoding.UTF8.GetBytes(report.ToJsonString()));
}
