using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace AudioEdge.Mqtt;

/// <summary>
/// Strict parsing of command payloads. A command can silence a safety device, so anything not exactly as documented
/// is refused with a reason: unknown commands or fields, wrong types, out-of-range values, duplicate fields, more than
/// <see cref="MaxPayloadBytes"/>, invalid UTF-8 or JSON. An empty payload stands for <c>{}</c>
/// (<c>mosquitto_pub -n</c>).
/// </summary>
public static class CommandParser
{
    /// <summary>Largest accepted payload.</summary>
    public const int MaxPayloadBytes = 1024;

    /// <summary>Longest accepted request id.</summary>
    public const int MaxRequestIdLength = 64;

    /// <summary>The command names this device understands.</summary>
    public static IReadOnlyList<string> KnownCommands { get; } =
        [HushCommand.CommandName, SelfTestCommand.CommandName, ReloadModelCommand.CommandName];

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 4,
    };

    /// <summary>Parses the payload of command <paramref name="commandName"/> (the last topic level).</summary>
    public static CommandParseResult Parse(string commandName, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(commandName);
        if (payload.Length > MaxPayloadBytes)
        {
            return CommandParseResult.Invalid(string.Create(CultureInfo.InvariantCulture, $"payload is {payload.Length} bytes; at most {MaxPayloadBytes} are accepted"), null);
        }

        if (!Utf8.IsValid(payload))
        {
            return CommandParseResult.Invalid("payload is not valid UTF-8", null);
        }

        var fields = new Fields();
        string? error = payload.IsEmpty ? null : ReadFields(payload, fields);
        string? requestId = fields.RequestIdError is null ? fields.RequestId : null;

        if (!KnownCommands.Contains(commandName, StringComparer.Ordinal))
        {
            return CommandParseResult.Invalid(
                $"unknown command '{LogText.Sanitize(commandName, 64)}' (known: {string.Join(", ", KnownCommands)})", requestId);
        }

        error ??= fields.RequestIdError;
        if (error is not null)
        {
            return CommandParseResult.Invalid(error, requestId);
        }

        bool isHush = commandName == HushCommand.CommandName;
        foreach (string field in fields.Names)
        {
            bool allowed = field == "request_id" || (isHush && field == "minutes");
            if (!allowed)
            {
                return CommandParseResult.Invalid($"unknown field '{LogText.Sanitize(field, 64)}' for {commandName}", requestId);
            }
        }

        if (!isHush)
        {
            return CommandParseResult.Valid(commandName == SelfTestCommand.CommandName
                ? new SelfTestCommand(requestId)
                : new ReloadModelCommand(requestId));
        }

        if (fields.MinutesError is not null)
        {
            return CommandParseResult.Invalid(fields.MinutesError, requestId);
        }

        if (fields.Minutes is not int minutes)
        {
            return CommandParseResult.Invalid(string.Create(CultureInfo.InvariantCulture, $"hush needs \"minutes\": an integer {HushCommand.MinMinutes}..{HushCommand.MaxMinutes}"), requestId);
        }

        return CommandParseResult.Valid(new HushCommand(minutes, requestId));
    }

    /// <summary>Reads the top-level object into <paramref name="fields"/>; returns a structural error or null.</summary>
    private static string? ReadFields(ReadOnlySpan<byte> payload, Fields fields)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "payload must be a JSON object";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                if (fields.Names.Contains(name))
                {
                    return $"field '{LogText.Sanitize(name, 64)}' appears more than once";
                }

                fields.Names.Add(name);
                reader.Read();
                switch (name)
                {
                    case "request_id":
                        ReadRequestId(ref reader, fields);
                        break;
                    case "minutes":
                        ReadMinutes(ref reader, fields);
                        break;
                    default:
                        break; // judged per command once the whole object has been read
                }

                reader.Skip();
            }

            // Anything after the object (a second value, garbage) makes the reader throw here.
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException)
        {
            return "payload is not valid JSON";
        }
    }

    private static void ReadRequestId(ref Utf8JsonReader reader, Fields fields)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            fields.RequestIdError = "request_id must be a string";
            return;
        }

        string value = reader.GetString()!;
        if (value.Length is 0 or > MaxRequestIdLength || value.Any(c => c is < ' ' or > '~'))
        {
            fields.RequestIdError = string.Create(CultureInfo.InvariantCulture, $"request_id must be 1..{MaxRequestIdLength} printable ASCII characters");
            return;
        }

        fields.RequestId = value;
    }

    private static void ReadMinutes(ref Utf8JsonReader reader, Fields fields)
    {
        string range = string.Create(CultureInfo.InvariantCulture, $"{HushCommand.MinMinutes}..{HushCommand.MaxMinutes}");
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int minutes))
        {
            fields.MinutesError = $"minutes must be an integer {range}";
            return;
        }

        if (minutes is < HushCommand.MinMinutes or > HushCommand.MaxMinutes)
        {
            fields.MinutesError = string.Create(CultureInfo.InvariantCulture, $"minutes must be {range} (was {minutes})");
            return;
        }

        fields.Minutes = minutes;
    }

    private sealed class Fields
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public string? RequestId { get; set; }

        public string? RequestIdError { get; set; }

        public int? Minutes { get; set; }

        public string? MinutesError { get; set; }
    }
}
