using System.Text;

namespace AudioEdge.Mqtt.Tests;

public sealed class LogTextTests
{
    [Test]
    public void Control_format_and_separator_characters_become_question_marks()
    {
        Assert.That(LogText.Sanitize("a\nb\rc\td\u001be\u202ef\u2028g\u200bh", 100), Is.EqualTo("a?b?c?d?e?f?g?h"));
    }

    [Test]
    public void Long_text_is_cut_with_an_ellipsis()
    {
        Assert.That(LogText.Sanitize(new string('x', 150), 100), Is.EqualTo(new string('x', 100) + "…"));
    }

    [Test]
    public void Payloads_show_at_most_100_characters_and_their_size()
    {
        byte[] payload = Encoding.UTF8.GetBytes(new string('y', 5000));
        Assert.That(LogText.Payload(payload), Is.EqualTo($"\"{new string('y', 100)}…\" (5000 bytes)"));
    }

    [Test]
    public void Invalid_utf8_in_a_payload_is_shown_as_replacement_characters()
    {
        Assert.That(LogText.Payload([0x41, 0xFF, 0x42]), Is.EqualTo("\"A\uFFFDB\" (3 bytes)"));
    }

    [Test]
    public void Exceptions_become_one_line_with_their_inner_causes()
    {
        var exception = new InvalidOperationException("outer\nsecond line", new IOException("inner cause"));
        Assert.That(LogText.Exception(exception), Is.EqualTo("outer second line: inner cause"));
    }
}
