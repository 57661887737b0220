using System.Globalization;
using System.Text;

namespace AudioEdge.Mqtt;

/// <summary>
/// Makes text from the network safe to put in a log line or a reply: anything can arrive on a command topic, and a
/// newline or terminal escape in it must not forge journal lines or garble a terminal.
/// </summary>
internal static class LogText
{
    /// <summary>At most this many characters of a payload reach the log.</summary>
    public const int MaxPayloadCharacters = 100;

    /// <summary>
    /// The text with every control, format (bidi overrides, zero-width) and line/paragraph separator character
    /// replaced by '?', cut to <paramref name="maxCharacters"/> with "…" when longer.
    /// </summary>
    public static string Sanitize(string text, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(Math.Min(text.Length, maxCharacters) + 1);
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (builder.Length >= maxCharacters)
            {
                builder.Append('…');
                break;
            }

            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            bool unsafeCharacter = category is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
            if (unsafeCharacter)
            {
                builder.Append('?');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>An exception's message and those of its inner exceptions, on one line, sanitized, at most 300 characters.</summary>
    public static string Exception(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var parts = new List<string>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            string message = string.Join(' ', current.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim().TrimEnd('.');
            if (message.Length > 0 && !parts.Any(p => p.Contains(message, StringComparison.Ordinal)))
            {
                parts.Add(message);
            }
        }

        return Sanitize(parts.Count == 0 ? exception.GetType().Name : string.Join(": ", parts), 300);
    }

    /// <summary>A payload for a log line: its first characters (invalid UTF-8 shown as U+FFFD), sanitized, and its size.</summary>
    public static string Payload(ReadOnlySpan<byte> payload)
    {
        // Decode only a bounded prefix: a 256 MB payload must not become a 256 MB string just to be cut.
        int prefix = Math.Min(payload.Length, MaxPayloadCharacters * 4);
        string text = Encoding.UTF8.GetString(payload[..prefix]);
        return string.Create(CultureInfo.InvariantCulture, $"\"{Sanitize(text, MaxPayloadCharacters)}\" ({payload.Length} bytes)");
    }
}
