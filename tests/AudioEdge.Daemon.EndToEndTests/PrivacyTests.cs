using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AudioEdge.Daemon.Demo;
using AudioEdge.Telemetry;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// Issue 4 point 3: a full run over real recordings with every MQTT payload the daemon publishes recorded
/// (subscription <c>#</c>) and checked — only documented topics, exact schemas, size bounds, no run of numbers that
/// could be samples or frames — and nothing audio-sized left on the device's disk.
/// </summary>
[TestFixture]
public sealed partial class PrivacyTests
{
    private const string Device = "e2e-privacy";

    // A score histogram has 10 counts, the spectral profile 8 values: anything longer is raw data.
    private const int MaxNumberRun = 10;
    private const int MaxPayloadBytes = 2048;
    private const int MaxDiscoveryBytes = 1024;

    [Test]
    public async Task Everything_published_during_a_full_run_over_real_recordings_is_documented_bounded_and_free_of_audio()
    {
        using var scratch = new ScratchDirectory();
        float[] audio;
        bool real = RealRecordings.DataDirectory is not null;
        if (RealRecordings.DataDirectory is string data)
        {
            audio = RealRecordings.Load(data);
        }
        else
        {
            Assert.Warn("The shared data directory (../shared/data or AUDIOEDGE_DATA) is absent: this run used the generated demo recording three times over instead of real recordings.");
            float[] demo = DemoRecording.Generate();
            audio = [.. demo, .. demo, .. demo];
        }

        Assert.That(audio.Length / (double)TestAudio.SampleRate, Is.GreaterThan(60), "over a minute, so telemetry carries its spectral profile");
        string input = TestAudio.Write(scratch.File("input.wav"), audio);
        string state = scratch.Folder("state");
        string temp = scratch.Folder("tmp");
        using var broker = new MosquittoBroker();
        broker.Start();
        await using MqttTestSubscriber everything = await MqttTestSubscriber.ConnectAsync(broker, ["#"]);

        DaemonSettings settings = DaemonSettings.ForFile(Device, state, broker, input, exitAtEnd: true);
        settings["Telemetry:IntervalSeconds"] = "30"; // the run is shorter: its one report is the one sent at the clean stop
        // The daemon's working, temp and home directories are in the scratch folder, so anything it writes is seen below
        // (ONNX Runtime's telemetry client, when it was on, wrote an event store under ~/.cache and a session id in TMPDIR).
        using DaemonProcess daemon = DaemonProcess.Start(settings.RunArguments(), scratch.Path, new Dictionary<string, string>
        {
            ["TMPDIR"] = temp,
            ["HOME"] = scratch.Folder("home"),
            ["XDG_CACHE_HOME"] = scratch.Folder("home/.cache"),
        });
        int exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(90));
        IReadOnlyList<MqttReceivedMessage> messages = await everything.WaitForAsync(
            m => m.LastOrDefault(x => x.Topic == $"audioedge/{Device}/availability")?.Text == "offline", "the daemon's last message, offline");
        Assert.That(exitCode, Is.Zero, daemon.Error);

        var byKind = messages.GroupBy(Classify).ToDictionary(g => g.Key, g => g.ToList());
        TestContext.Out.WriteLine($"{(real ? "real recordings" : "generated recording")}, {audio.Length / (double)TestAudio.SampleRate:F1} s: {messages.Count} messages: "
            + string.Join(", ", byKind.Select(k => $"{k.Key} {k.Value.Count}")) + "; events: "
            + string.Join(", ", EventSchema.EventLabels(messages, Device)));

        Assert.Multiple(() =>
        {
            Assert.That(byKind.GetValueOrDefault("undocumented") ?? [], Is.Empty, "every topic is a documented one");
            Assert.That(byKind.GetValueOrDefault("telemetry"), Is.Not.Null.And.Not.Empty, "telemetry was published (at the clean stop)");
            Assert.That(byKind.GetValueOrDefault("event"), Is.Not.Null.And.Not.Empty, "the run's alarms were published, so their payloads were checked too");
            Assert.That(byKind.GetValueOrDefault("discovery"), Is.Not.Null.And.Not.Empty);
        });

        foreach (MqttReceivedMessage message in messages)
        {
            AssertNoRawData(message);
            switch (Classify(message))
            {
                case "event":
                    EventSchema.AssertEvent(message, Device);
                    break;
                case "attributes":
                    EventSchema.AssertAttributes(message);
                    break;
                case "state" or "problem":
                    Assert.That(message.Text, Is.AnyOf("ON", "OFF"), message.ToString());
                    break;
                case "availability":
                    Assert.That(message.Text, Is.AnyOf("online", "offline"), message.ToString());
                    break;
                case "telemetry":
                    Assert.That(TelemetryPrivacy.CheckPayload(message.Payload), Is.Empty, message.ToString());
                    break;
                case "discovery":
                    Assert.That(message.Payload, Has.Length.LessThan(MaxDiscoveryBytes), message.ToString());
                    using (JsonDocument json = JsonDocument.Parse(message.Payload))
                    {
                        Assert.That(json.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object), message.ToString());
                    }

                    break;
                default:
                    Assert.Fail($"undocumented message {message}");
                    break;
            }
        }

        // Over a minute of audio: the drift profile is released (with Laplace noise) and its epsilon stated.
        using (JsonDocument report = JsonDocument.Parse(byKind["telemetry"][^1].Payload))
        {
            Assert.That(report.RootElement.GetProperty("spectral_profile").GetArrayLength(), Is.EqualTo(8), byKind["telemetry"][^1].ToString());
            Assert.That(report.RootElement.GetProperty("epsilon").GetDouble(), Is.GreaterThan(0));
        }

        AssertNothingAudioSizedOnDisk(scratch, input, state, audio.Length);
    }

    /// <summary>Which documented kind of message this is, by topic; "undocumented" for anything else.</summary>
    private static string Classify(MqttReceivedMessage message)
    {
        Match match = DocumentedTopic().Match(message.Topic);
        if (!match.Success)
        {
            return "undocumented";
        }

        foreach (string kind in new[] { "availability", "event", "problem", "telemetry", "state", "attributes", "response", "discovery" })
        {
            if (match.Groups[kind].Success)
            {
                return kind;
            }
        }

        return "undocumented";
    }

    private static void AssertNoRawData(MqttReceivedMessage message)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(message.Payload);
        }
        catch (DecoderFallbackException)
        {
            Assert.Fail($"binary payload on {message.Topic} ({message.Payload.Length} bytes)");
            return;
        }

        Assert.Multiple(() =>
        {
            Assert.That(message.Payload, Has.Length.LessThanOrEqualTo(MaxPayloadBytes), message.ToString());
            Assert.That(NumberRun().IsMatch(text), Is.False, $"a run of more than {MaxNumberRun} numbers (samples or frames?): {message}");
            Assert.That(LongBase64Run().IsMatch(text), Is.False, $"a long base64-like run (encoded audio?): {message}");
        });
    }

    private static void AssertNothingAudioSizedOnDisk(ScratchDirectory scratch, string input, string state, int samples)
    {
        string[] stateFiles = [.. Directory.EnumerateFileSystemEntries(state).Select(p => Path.GetFileName(p))];
        Assert.That(stateFiles, Is.SubsetOf(new[] { "outbox.db", "outbox.db-wal", "outbox.db-shm" }), "the state directory holds the outbox and nothing else");

        // The scratch folder is the daemon's working directory, its TMPDIR and its HOME: whatever it wrote is here.
        var written = new DirectoryInfo(scratch.Path).EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.FullName != input).ToList();
        TestContext.Out.WriteLine("written during the run: " + string.Join(", ", written.Select(f => $"{Path.GetRelativePath(scratch.Path, f.FullName)} {f.Length} B")));
        byte[][] fingerprints = AudioFingerprints(input);
        long audioBytes = samples * 2L; // one second of 16-bit audio is 32 KB
        Assert.Multiple(() =>
        {
            Assert.That(written.Where(f => f.DirectoryName != state).Select(f => f.FullName), Is.Empty, "the daemon writes nothing but its outbox");
            foreach (FileInfo file in written)
            {
                byte[] content = File.ReadAllBytes(file.FullName);
                Assert.That(fingerprints.Where(f => content.AsSpan().IndexOf(f) >= 0), Is.Empty, $"{file.FullName} contains a stretch of the input audio");
            }

            Assert.That(written.Where(f => f.DirectoryName == state).Sum(f => f.Length), Is.LessThan(audioBytes / 4), "the outbox holds messages, not audio");
        });
    }

    /// <summary>
    /// 32 short stretches of the input (16 samples each, spread over it) as 16-bit PCM, as the WAV file holds them, and
    /// as the float32 the pipeline works with: any copy of the audio on disk would contain some of them.
    /// </summary>
    private static byte[][] AudioFingerprints(string wav)
    {
        byte[] file = File.ReadAllBytes(wav);
        int data = file.AsSpan(12).IndexOf("data"u8) + 12 + 8;
        Assert.That(data, Is.GreaterThan(20), "the input WAV has a data chunk");
        const int Samples = 16;
        var fingerprints = new List<byte[]>();
        int frames = (file.Length - data) / 2;
        for (int i = 1; i <= 32; i++)
        {
            int offset = data + (2 * (int)((long)frames * i / 34));
            byte[] pcm = file.AsSpan(offset, 2 * Samples).ToArray();
            if (pcm.Distinct().Count() < 4)
            {
                continue; // silence matches too easily to mean anything
            }

            var float32 = new byte[4 * Samples];
            for (int s = 0; s < Samples; s++)
            {
                BitConverter.TryWriteBytes(float32.AsSpan(4 * s), BitConverter.ToInt16(pcm, 2 * s) / 32768f);
            }

            fingerprints.Add(pcm);
            fingerprints.Add(float32);
        }

        Assert.That(fingerprints, Has.Count.GreaterThan(20), "enough of the input is not silence to recognise it");
        return [.. fingerprints];
    }

    // audioedge/<id>/... as documented (design "Topics", README "MQTT topics"), and Home Assistant discovery configs.
    [GeneratedRegex(@"^(?:audioedge/e2e-privacy/(?:(?<availability>availability)|(?<event>event)|(?<problem>problem)|(?<telemetry>telemetry)|(?:smoke_alarm|co_alarm|glass_break)/(?:(?<state>state)|(?<attributes>attributes))|cmd/(?:hush|self_test|reload_model)/(?<response>response))|(?<discovery>homeassistant/binary_sensor/audioedge_e2e-privacy/(?:smoke_alarm|co_alarm|glass_break|connectivity|problem)/config))$")]
    private static partial Regex DocumentedTopic();

    // More than MaxNumberRun numbers in a row, separated by commas or white space: a JSON array of samples, a CSV line.
    [GeneratedRegex(@"(?:-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\s*[,\s]\s*){10,}-?\d")]
    private static partial Regex NumberRun();

    [GeneratedRegex(@"[A-Za-z0-9+/]{64,}")]
    private static partial Regex LongBase64Run();
}
