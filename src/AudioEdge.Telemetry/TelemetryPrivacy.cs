using System.Globalization;
using System.Text.Json;

namespace AudioEdge.Telemetry;

/// <summary>
/// What a telemetry payload may contain, for tests that check every published payload: the allow-listed fields,
/// their shapes and the size bound. <see cref="CheckPayload"/> applies all of it to one payload.
/// </summary>
public static class TelemetryPrivacy
{
    /// <summary>Largest payload allowed, in bytes.</summary>
    public const int MaxPayloadBytes = 2048;

    /// <summary>Longest array allowed anywhere in a payload (a score histogram has 10 counts, the profile 8 values).</summary>
    public const int MaxArrayLength = 10;

    /// <summary>Longest string value allowed (ids, labels as keys, model, timestamps); long strings could smuggle data.</summary>
    public const int MaxStringLength = 100;

    /// <summary>Every top-level field of a report, in the order written; a report has all of them, nothing else.</summary>
    public static IReadOnlyList<string> TopLevelFields { get; } =
    [
        "schema", "device_id", "interval_start", "interval_end", "detections", "score_histograms", "audio_level_dbfs",
        "clipped_samples", "inference_latency_ms", "dropped_samples", "overruns", "reconnects", "cpu_percent", "rss_mb",
        "cpu_temperature_c", "spectral_profile", "epsilon", "model",
    ];

    /// <summary>The fields of <c>audio_level_dbfs</c>.</summary>
    public static IReadOnlyList<string> AudioLevelFields { get; } = ["p10", "p50", "p90"];

    /// <summary>The fields of <c>inference_latency_ms</c>.</summary>
    public static IReadOnlyList<string> LatencyFields { get; } = ["p50", "p95", "p99", "count"];

    private static readonly HashSet<string> TopLevel = new(TopLevelFields, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a field a report may have at the top level.</summary>
    public static bool IsAllowedTopLevelField(string name) => name is not null && TopLevel.Contains(name);

    /// <summary>
    /// Every way <paramref name="utf8Json"/> departs from the allowed shape, one line each; empty when it is a valid
    /// report: at most <see cref="MaxPayloadBytes"/> bytes; a JSON object with exactly <see cref="TopLevelFields"/>;
    /// the schema string; counts as non-negative integers; histograms of exactly 10 counts; a profile of null or 8
    /// numbers; no array longer than <see cref="MaxArrayLength"/> and no string longer than <see cref="MaxStringLength"/>.
    /// </summary>
    public static IReadOnlyList<string> CheckPayload(ReadOnlySpan<byte> utf8Json)
    {
        var problems = new List<string>();
        if (utf8Json.Length > MaxPayloadBytes)
        {
            problems.Add(Invariant($"payload is {utf8Json.Length} bytes; at most {MaxPayloadBytes} allowed"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException e)
        {
            problems.Add("payload is not JSON: " + e.Message);
            return problems;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            CheckBounds(root, "$", problems);
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add("payload is not a JSON object");
                return problems;
            }

            CheckFields(root, "$", TopLevelFields, problems);
            foreach (JsonProperty field in root.EnumerateObject())
            {
                CheckField(field, problems);
            }
        }

        return problems;
    }

    private static void CheckField(JsonProperty field, List<string> problems)
    {
        JsonElement value = field.Value;
        string path = "$." + field.Name;
        switch (field.Name)
        {
            case "schema":
                if (value.ValueKind != JsonValueKind.String || value.GetString() != TelemetryReport.CurrentSchema)
                {
                    problems.Add($"{path} must be \"{TelemetryReport.CurrentSchema}\"");
                }

                break;
            case "device_id" or "model":
                RequireKind(value, path, JsonValueKind.String, problems);
                break;
            case "interval_start" or "interval_end":
                if (value.ValueKind != JsonValueKind.String || !value.TryGetDateTimeOffset(out _))
                {
                    problems.Add($"{path} must be an ISO-8601 time");
                }

                break;
            case "detections":
                if (RequireKind(value, path, JsonValueKind.Object, problems))
                {
                    foreach (JsonProperty label in value.EnumerateObject())
                    {
                        RequireCount(label.Value, $"{path}.{label.Name}", problems);
                    }
                }

                break;
            case "score_histograms":
                if (RequireKind(value, path, JsonValueKind.Object, problems))
                {
                    foreach (JsonProperty label in value.EnumerateObject())
                    {
                        string labelPath = $"{path}.{label.Name}";
                        if (label.Value.ValueKind != JsonValueKind.Array || label.Value.GetArrayLength() != 10)
                        {
                            problems.Add($"{labelPath} must be an array of 10 counts");
                            continue;
                        }

                        foreach (JsonElement count in label.Value.EnumerateArray())
                        {
                            RequireCount(count, labelPath, problems);
                        }
                    }
                }

                break;
            case "audio_level_dbfs":
                CheckNested(value, path, AudioLevelFields, problems);
                break;
            case "inference_latency_ms":
                CheckNested(value, path, LatencyFields, problems);
                break;
            case "clipped_samples" or "dropped_samples" or "overruns" or "reconnects":
                RequireCount(value, path, problems);
                break;
            case "cpu_percent" or "rss_mb" or "cpu_temperature_c" or "epsilon":
                RequireNumberOrNull(value, path, problems);
                break;
            case "spectral_profile":
                if (value.ValueKind == JsonValueKind.Null)
                {
                    break;
                }

                if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != PrivateSpectralProfile.Bands)
                {
                    problems.Add($"{path} must be null or an array of {PrivateSpectralProfile.Bands} numbers");
                    break;
                }

                foreach (JsonElement band in value.EnumerateArray())
                {
                    RequireKind(band, path, JsonValueKind.Number, problems);
                }

                break;
            default:
                // Reported by CheckFields.
                break;
        }
    }

    private static void CheckNested(JsonElement value, string path, IReadOnlyList<string> fields, List<string> problems)
    {
        if (!RequireKind(value, path, JsonValueKind.Object, problems))
        {
            return;
        }

        CheckFields(value, path, fields, problems);
        foreach (JsonProperty field in value.EnumerateObject())
        {
            if (field.Name == "count")
            {
                RequireCount(field.Value, path + ".count", problems);
            }
            else
            {
                RequireNumberOrNull(field.Value, $"{path}.{field.Name}", problems);
            }
        }
    }

    private static void CheckFields(JsonElement obj, string path, IReadOnlyList<string> allowed, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty field in obj.EnumerateObject())
        {
            if (!allowed.Contains(field.Name))
            {
                problems.Add($"{path}.{field.Name} is not an allowed field");
            }
            else if (!seen.Add(field.Name))
            {
                problems.Add($"{path}.{field.Name} appears more than once");
            }
        }

        foreach (string name in allowed)
        {
            if (!seen.Contains(name))
            {
                problems.Add($"{path}.{name} is missing");
            }
        }
    }

    // Anywhere in the document, whatever the field: no long arrays and no long strings (property names included).
    private static void CheckBounds(JsonElement element, string path, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                if (element.GetArrayLength() > MaxArrayLength)
                {
                    problems.Add(Invariant($"{path} has {element.GetArrayLength()} elements; at most {MaxArrayLength} allowed"));
                }

                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    CheckBounds(item, Invariant($"{path}[{index++}]"), problems);
                }

                break;
            case JsonValueKind.Object:
                foreach (JsonProperty field in element.EnumerateObject())
                {
                    if (field.Name.Length > MaxStringLength)
                    {
                        problems.Add(Invariant($"{path} has a field name of {field.Name.Length} characters; at most {MaxStringLength} allowed"));
                    }

                    CheckBounds(field.Value, $"{path}.{field.Name}", problems);
                }

                break;
            case JsonValueKind.String:
                if (element.GetString()!.Length > MaxStringLength)
                {
                    problems.Add(Invariant($"{path} is a string of {element.GetString()!.Length} characters; at most {MaxStringLength} allowed"));
                }

                break;
            default:
                break;
        }
    }

    private static bool RequireKind(JsonElement value, string path, JsonValueKind kind, List<string> problems)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        problems.Add($"{path} must be a JSON {kind.ToString().ToLowerInvariant()} (was {value.ValueKind.ToString().ToLowerInvariant()})");
        return false;
    }

    private static void RequireCount(JsonElement value, string path, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long count) || count < 0)
        {
            problems.Add($"{path} must be a non-negative integer");
        }
    }

    private static void RequireNumberOrNull(JsonElement value, string path, List<string> problems)
    {
        if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
        {
            problems.Add($"{path} must be a number or null");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
