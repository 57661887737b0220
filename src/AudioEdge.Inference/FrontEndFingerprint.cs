namespace AudioEdge.Inference;

/// <summary>
/// Compares two <see cref="Dsp.FrontEndOptions.Fingerprint"/> strings parameter by parameter, so that a refusal
/// can say which parameters differ ("hop: model 320, runtime 160") rather than print two long strings.
/// </summary>
internal static class FrontEndFingerprint
{
    /// <summary>One entry per differing parameter; empty when the fingerprints are equal.</summary>
    public static IReadOnlyList<string> Differences(string model, string runtime)
    {
        if (string.Equals(model, runtime, StringComparison.Ordinal))
        {
            return [];
        }

        (string modelKind, Dictionary<string, string> modelValues) = Split(model);
        (string runtimeKind, Dictionary<string, string> runtimeValues) = Split(runtime);
        var differences = new List<string>();
        if (!string.Equals(modelKind, runtimeKind, StringComparison.Ordinal))
        {
            differences.Add($"feature type: model {modelKind}, runtime {runtimeKind}");
        }

        foreach (string key in modelValues.Keys.Union(runtimeValues.Keys, StringComparer.Ordinal))
        {
            string modelValue = modelValues.GetValueOrDefault(key, "(absent)");
            string runtimeValue = runtimeValues.GetValueOrDefault(key, "(absent)");
            if (!string.Equals(modelValue, runtimeValue, StringComparison.Ordinal))
            {
                differences.Add($"{key}: model {modelValue}, runtime {runtimeValue}");
            }
        }

        if (differences.Count == 0)
        {
            // Same parameters written differently (spacing, order): still not the exact string the trainer and
            // runtime agreed on, so show both rather than pretend they match.
            differences.Add($"model \"{model}\", runtime \"{runtime}\"");
        }

        return differences;
    }

    private static (string Kind, Dictionary<string, string> Values) Split(string fingerprint)
    {
        string kind = string.Empty;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string token in fingerprint.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[token[..equals]] = token[(equals + 1)..];
            }
            else
            {
                kind = kind.Length == 0 ? token : kind + " " + token;
            }
        }

        return (kind, values);
    }
}
