using System.Text;

namespace AudioEdge.Mqtt.Tests;

public sealed class CommandParserTests
{
    private static CommandParseResult Parse(string name, string payload) => CommandParser.Parse(name, Encoding.UTF8.GetBytes(payload));

    [Test]
    public void Hush_with_minutes_and_request_id()
    {
        CommandParseResult result = Parse("hush", """{"minutes": 30, "request_id": "abc-1"}""");
        Assert.That(result.Command, Is.EqualTo(new HushCommand(30, "abc-1")));
    }

    [TestCase(1)]
    [TestCase(240)]
    public void Hush_accepts_the_range_limits(int minutes)
    {
        Assert.That(Parse("hush", $$"""{"minutes": {{minutes}}}""").Command, Is.EqualTo(new HushCommand(minutes, null)));
    }

    [TestCase("self_test", "")]
    [TestCase("self_test", "{}")]
    [TestCase("self_test", " { } ")]
    [TestCase("reload_model", "")]
    public void Parameterless_commands_accept_an_empty_object_or_payload(string name, string payload)
    {
        CommandParseResult result = Parse(name, payload);
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, result.Error);
            Assert.That(result.Command!.Name, Is.EqualTo(name));
            Assert.That(result.Command.RequestId, Is.Null);
        });
    }

    [Test]
    public void Reload_model_with_request_id()
    {
        Assert.That(Parse("reload_model", """{"request_id":"x"}""").Command, Is.EqualTo(new ReloadModelCommand("x")));
    }

    [TestCase("hush", """{"minutes": 0}""", "minutes must be 1..240 (was 0)")]
    [TestCase("hush", """{"minutes": 241}""", "minutes must be 1..240 (was 241)")]
    [TestCase("hush", """{"minutes": -5}""", "minutes must be 1..240 (was -5)")]
    [TestCase("hush", """{"minutes": 1.5}""", "minutes must be an integer 1..240")]
    [TestCase("hush", """{"minutes": 30.0}""", "minutes must be an integer 1..240")]
    [TestCase("hush", """{"minutes": 1e1}""", "minutes must be an integer 1..240")]
    [TestCase("hush", """{"minutes": "30"}""", "minutes must be an integer 1..240")]
    [TestCase("hush", """{"minutes": null}""", "minutes must be an integer 1..240")]
    [TestCase("hush", """{"minutes": 99999999999}""", "minutes must be an integer 1..240")]
    [TestCase("hush", """{"minutes": [30]}""", "minutes must be an integer 1..240")]
    [TestCase("hush", "{}", "hush needs \"minutes\": an integer 1..240")]
    [TestCase("hush", "", "hush needs \"minutes\": an integer 1..240")]
    [TestCase("hush", """{"minutes": 30, "minutes": 31}""", "field 'minutes' appears more than once")]
    [TestCase("hush", """{"minutes": 30, "force": true}""", "unknown field 'force' for hush")]
    [TestCase("self_test", """{"minutes": 30}""", "unknown field 'minutes' for self_test")]
    [TestCase("self_test", """{"nested": {"a": 1}}""", "unknown field 'nested' for self_test")]
    [TestCase("self_test", "[]", "payload must be a JSON object")]
    [TestCase("self_test", "42", "payload must be a JSON object")]
    [TestCase("self_test", "\"hush\"", "payload must be a JSON object")]
    [TestCase("self_test", "not json", "payload is not valid JSON")]
    [TestCase("self_test", "{", "payload is not valid JSON")]
    [TestCase("self_test", "{} {}", "payload is not valid JSON")]
    [TestCase("self_test", "{}garbage", "payload is not valid JSON")]
    [TestCase("self_test", "{,}", "payload is not valid JSON")]
    [TestCase("self_test", """{"request_id": "a",}""", "payload is not valid JSON")]
    [TestCase("self_test", "{/* hi */}", "payload is not valid JSON")]
    [TestCase("self_test", """{"a":{"b":{"c":{"d":{}}}}}""", "payload is not valid JSON")]
    [TestCase("self_test", """{"request_id": 7}""", "request_id must be a string")]
    [TestCase("self_test", """{"request_id": ""}""", "request_id must be 1..64 printable ASCII characters")]
    [TestCase("self_test", """{"request_id": "line\nbreak"}""", "request_id must be 1..64 printable ASCII characters")]
    [TestCase("self_test", """{"request_id": "caf\u00e9"}""", "request_id must be 1..64 printable ASCII characters")]
    [TestCase("shutdown", "{}", "unknown command 'shutdown' (known: hush, self_test, reload_model)")]
    [TestCase("HUSH", """{"minutes": 5}""", "unknown command 'HUSH' (known: hush, self_test, reload_model)")]
    public void Anything_not_exactly_as_documented_is_refused_with_a_reason(string name, string payload, string error)
    {
        CommandParseResult result = Parse(name, payload);
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Command, Is.Null);
            Assert.That(result.Error, Is.EqualTo(error));
        });
    }

    [Test]
    public void A_request_id_of_a_refused_command_is_kept_for_the_reply()
    {
        CommandParseResult result = Parse("hush", """{"request_id": "r-9", "minutes": 999}""");
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.RequestId, Is.EqualTo("r-9"));
        });
    }

    [Test]
    public void A_request_id_of_64_characters_is_accepted_and_65_is_not()
    {
        string ok = new('a', 64);
        Assert.Multiple(() =>
        {
            Assert.That(Parse("self_test", $$"""{"request_id": "{{ok}}"}""").Command, Is.EqualTo(new SelfTestCommand(ok)));
            Assert.That(Parse("self_test", $$"""{"request_id": "{{ok}}a"}""").IsValid, Is.False);
        });
    }

    [Test]
    public void Payloads_over_one_kibibyte_are_refused_before_parsing()
    {
        string padding = new(' ', CommandParser.MaxPayloadBytes);
        CommandParseResult result = Parse("hush", $$"""{"minutes": 5}{{padding}}""");
        Assert.That(result.Error, Is.EqualTo($"payload is {CommandParser.MaxPayloadBytes + 14} bytes; at most 1024 are accepted"));
    }

    [Test]
    public void Invalid_utf8_is_refused()
    {
        byte[] payload = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'];
        Assert.That(CommandParser.Parse("self_test", payload).Error, Is.EqualTo("payload is not valid UTF-8"));
    }

    [Test]
    public void Unknown_names_are_sanitized_in_the_error()
    {
        CommandParseResult result = Parse("evil\u001b[31mred", "{}");
        Assert.That(result.Error, Does.StartWith("unknown command 'evil?[31mred'"));
    }
}
