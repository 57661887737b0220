using AudioEdge.Audio.Sources;
using AudioEdge.Dsp;
using AudioEdge.Testing;

namespace AudioEdge.Detection.Tests;

/// <summary>
/// End to end on synthesized audio through the real front end, tone activity, cadence decoder and event logic,
/// with a stand-in scorer (a constant high alarm score: the cadence path decides, as it must when the real
/// model only says "alarm sound").
/// </summary>
[TestFixture]
public sealed class DetectionPipelineTests
{
    private static readonly DetectionModel Model = new("test-model@1.2", 10, new Dictionary<string, float> { ["alarm"] = 0.5f, ["glass_break"] = 0.6f });

    private static readonly IReadOnlyList<TimeSpan> FastBeeping = [TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150)];

    /// <summary>Three piezo beeps at no alarm's cadence, from the delay on: 0.2 s, 0.7 s off, 0.1 s, 1.1 s off, 0.3 s (then nothing for 20 s).</summary>
    private static readonly IReadOnlyList<TimeSpan> ApplianceBeeps =
        [.. new[] { 200, 700, 100, 1100, 300, 20_000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    [Test]
    public void A_sixty_second_temporal_three_alarm_is_exactly_one_smoke_alarm_event()
    {
        float[] audio = TestAudio.Alarm(66, AlarmCadences.TemporalThree, delay: 0.3);
        // The alarm sounds from 0.3 s to 60.3 s, then 5.7 s of room noise.
        TestAudio.Noise(5.7, 0.003, seed: 9).CopyTo(audio, (int)(60.3 * TestAudio.Rate));

        EventLog log = Run(audio, TestScorer.Constant(0.9f, 0.01f));

        Assert.That(log.Started, Has.Count.EqualTo(1), log.Describe());
        Assert.That(log.Ended, Has.Count.EqualTo(1), log.Describe());
        DetectionEvent e = log.Ended[0];
        Assert.That(e.Label, Is.EqualTo(EventLabels.SmokeAlarm));
        Assert.That(e.Id, Is.EqualTo(log.Started[0].Id));
        Assert.That(e.Start, Is.EqualTo(0.3).Within(0.05), "the first beep's onset");
        Assert.That(e.DetectedAt - e.Start, Is.InRange(2.0, 3.0), "within 3 s of onset");
        Assert.That(e.DetectedAt, Is.EqualTo(log.Started[0].DetectedAt));
        // The last T3 beep of the minute: cycle 15 starts at 56.3 s, its third beep ends at 58.8 s.
        Assert.That(e.End, Is.EqualTo(58.8).Within(0.1));
        Assert.That(e.Confidence, Is.InRange(0.85, 0.9));
        Assert.That(e.Model, Is.EqualTo("test-model@1.2"));
    }

    [Test]
    public void An_alarm_already_sounding_when_the_stream_starts_is_found_from_its_first_beep()
    {
        EventLog log = Run(TestAudio.Alarm(10, AlarmCadences.TemporalThree, delay: 0), TestScorer.Constant(0.9f, 0.01f));

        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.SmokeAlarm }), log.Describe());
        Assert.That(log.Ended[0].Start, Is.EqualTo(0.0125).Within(1e-9), "the first frame: it stands in for the frames before the stream");
        Assert.That(log.Ended[0].DetectedAt, Is.LessThan(3.0));
    }

    [Test]
    public void A_co_alarm_whose_first_pulse_starts_with_the_stream_is_found_at_its_first_group()
    {
        // A recording trimmed to the alarm: the first pulse sounds from sample 0. It must keep its full 100 ms (a
        // pulse cut short by the detector's warm-up was dropped and then vetoed its own group as "a beep before it").
        EventLog log = Run(TestAudio.Alarm(8, AlarmCadences.TemporalFour, hertz: 3300, delay: 0), TestScorer.Constant(0.9f, 0.01f));

        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.CoAlarm }), log.Describe());
        Assert.That(log.Ended[0].Start, Is.EqualTo(0.0125).Within(1e-9));
        Assert.That(log.Ended[0].DetectedAt, Is.LessThan(1.2), "at the first group's end (0.7 s) plus the close-after wait");
    }

    [Test]
    public void A_temporal_four_alarm_is_one_co_alarm_event_within_one_cycle()
    {
        EventLog log = Run(TestAudio.Alarm(20, AlarmCadences.TemporalFour, hertz: 3300, delay: 1.0), TestScorer.Constant(0.9f, 0.01f));

        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.CoAlarm }), log.Describe());
        DetectionEvent e = log.Ended[0];
        Assert.That(e.Start, Is.EqualTo(1.0).Within(0.05));
        Assert.That(e.DetectedAt - e.Start, Is.LessThan(5.7), "within one 5.7 s cycle");
        // Groups at 1.0, 6.7, 12.4, 18.1 s; the last pulse ends at 18.8 s; the stream ends at 20 s.
        Assert.That(e.End, Is.EqualTo(18.8).Within(0.1));
    }

    [Test]
    public void Continuous_fast_beeping_is_a_smoke_alarm_after_three_seconds()
    {
        EventLog log = Run(TestAudio.Alarm(8, FastBeeping, hertz: 3200, delay: 0.5), TestScorer.Constant(0.9f, 0.01f));

        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.SmokeAlarm }), log.Describe());
        Assert.That(log.Ended[0].DetectedAt - log.Ended[0].Start, Is.InRange(2.9, 3.1));
    }

    [Test]
    public void A_low_frequency_520_hz_temporal_three_alarm_is_a_smoke_alarm()
    {
        EventLog log = Run(TestAudio.Alarm(12, AlarmCadences.TemporalThree, hertz: 520), TestScorer.Constant(0.9f, 0.01f));

        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.SmokeAlarm }), log.Describe());
        Assert.That(log.Ended[0].DetectedAt - log.Ended[0].Start, Is.LessThanOrEqualTo(3.0));
    }

    [TestCase(0.03)]
    [TestCase(0.08)]
    public void Temporal_three_under_loud_broadband_noise_is_still_one_smoke_alarm(double noiseRms)
    {
        // The tone's RMS is 0.14: broadband SNR of 13 and 5 dB, but the tone still towers over its own bands.
        EventLog log = Run(TestAudio.Alarm(16, AlarmCadences.TemporalThree, noiseRms: noiseRms), TestScorer.Constant(0.9f, 0.01f));

        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.SmokeAlarm }), log.Describe());
        Assert.That(log.Ended[0].DetectedAt - log.Ended[0].Start, Is.LessThanOrEqualTo(3.0));
    }

    [Test]
    public void Noise_is_nothing_even_when_the_model_says_alarm()
    {
        EventLog log = Run(TestAudio.Noise(20, 0.05), TestScorer.Constant(0.99f, 0.01f));
        Assert.That(log.Started, Is.Empty, log.Describe());
    }

    [Test]
    public void An_alarm_cadence_is_nothing_when_the_model_disagrees()
    {
        EventLog log = Run(TestAudio.Alarm(20, AlarmCadences.TemporalThree), TestScorer.Constant(0.3f, 0.01f));
        Assert.That(log.Started, Is.Empty, log.Describe());
    }

    [Test]
    public void An_alarm_that_stops_and_starts_again_is_two_events()
    {
        float[] audio = TestAudio.Alarm(30, AlarmCadences.TemporalThree);
        // Silence the alarm from 10.3 to 22.3 s (noise only): the first event ends after 5 s without beeps.
        float[] noise = TestAudio.Noise(12, 0.003, seed: 4);
        noise.CopyTo(audio, (int)(10.3 * TestAudio.Rate));

        EventLog log = Run(audio, TestScorer.Constant(0.9f, 0.01f));

        Assert.That(log.Ended, Has.Count.EqualTo(2), log.Describe());
        Assert.That(log.Ended[0].End, Is.EqualTo(9.8).Within(0.1), "the last whole beep before the pause (third cycle's second beep)");
        Assert.That(log.Ended[1].Start, Is.EqualTo(22.3).Within(0.6));
        Assert.That(log.Ended[1].Id, Is.GreaterThan(log.Ended[0].Id));
    }

    [Test]
    public void An_event_open_at_the_end_of_the_stream_ends_at_its_last_beep()
    {
        var log = new EventLog();
        var pipeline = new DetectionPipeline(TestScorer.Constant(0.9f, 0.01f), Model, log);
        pipeline.Process(TestAudio.Alarm(7, AlarmCadences.TemporalThree));
        Assert.That(log.Started, Has.Count.EqualTo(1));
        Assert.That(log.Ended, Is.Empty, "still sounding");

        pipeline.Complete();
        pipeline.Complete();

        Assert.That(log.Ended, Has.Count.EqualTo(1));
        Assert.That(log.Ended[0].End, Is.EqualTo(6.8).Within(0.1));
        Assert.That(() => pipeline.Process(new float[10]), Throws.InvalidOperationException);
    }

    [Test]
    public void A_glass_break_is_one_event_starting_at_the_thud()
    {
        float[] audio = TestAudio.Noise(30, 0.002);
        TestAudio.AddGlassBreak(audio, 3.0);
        TestAudio.AddGlassBreak(audio, 5.0, seed: 8);   // within the refractory period: part of the same breakage
        TestAudio.AddGlassBreak(audio, 20.0, seed: 9);

        // The score a real model would give around the breaks; the physics decides where.
        EventLog log = Run(audio, TestScorer.Constant(0.01f, 0.8f));

        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.GlassBreak, EventLabels.GlassBreak }), log.Describe());
        Assert.That(log.Ended[0].Start, Is.EqualTo(3.0).Within(0.03));
        Assert.That(log.Ended[1].Start, Is.EqualTo(20.0).Within(0.03));
        Assert.That(log.Ended[0].Confidence, Is.EqualTo(0.9).Within(1e-4), "confirmed: half the remaining doubt removed");
        Assert.That(log.Ended[0].DetectedAt - 3.0, Is.LessThan(0.3), "at the hop after the next one (the score must persist)");
        Assert.That(log.Ended[0].End, Is.InRange(3.05, 4.0));
    }

    [Test]
    public void Without_the_physics_a_moderate_glass_score_is_nothing()
    {
        EventLog log = Run(TestAudio.Noise(10, 0.002), TestScorer.Constant(0.01f, 0.8f));
        Assert.That(log.Started, Is.Empty);
    }

    [Test]
    public void A_glass_break_in_a_recordings_first_moments_is_found_after_a_lead_in_and_not_without()
    {
        float[] audio = TestAudio.Noise(5, 0.002);
        TestAudio.AddGlassBreak(audio, 0.05);

        EventLog without = Run(audio, TestScorer.Constant(0.01f, 0.8f));
        EventLog with = Run(audio, TestScorer.Constant(0.01f, 0.8f), leadIn: true);

        Assert.That(without.Started, Is.Empty, "the first window, at 1.0 s, comes when the shatter has died away");
        Assert.That(with.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.GlassBreak }), with.Describe());
        Assert.That(with.Ended[0].Start, Is.EqualTo(0.05).Within(0.03), "at the thud, on the recording's own clock");
        Assert.That(with.Ended[0].DetectedAt, Is.LessThan(0.5));
    }

    [Test]
    public void A_glass_break_in_a_recordings_last_moments_is_found_with_a_lead_out_and_not_without()
    {
        float[] audio = TestAudio.Noise(5.12, 0.002);
        TestAudio.AddGlassBreak(audio, 5.0);

        EventLog without = Run(audio, TestScorer.Constant(0.01f, 0.8f));
        EventLog with = Run(audio, TestScorer.Constant(0.01f, 0.8f), leadIn: true);

        Assert.That(without.Started, Is.Empty, "the score must persist into the next window, which never comes");
        Assert.That(with.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.GlassBreak }), with.Describe());
        Assert.That(with.Ended[0].Start, Is.EqualTo(5.0).Within(0.03));
        Assert.That(with.Ended[0].End, Is.LessThanOrEqualTo(5.12), "the background adds no evidence");
        Assert.That(with.Ended[0].DetectedAt, Is.InRange(5.12, 5.62), "emitted in the lead-out, on its clock");
    }

    [TestCase(0.002)]
    [TestCase(0.05)]
    public void A_lead_in_of_the_recordings_own_background_adds_no_onset_at_its_start(double rms)
    {
        // Steady noise from the first sample, with a glass score a real model gives such noise at times: a quiet
        // past would make the first sample a broadband step, which is what a breaking pane looks like.
        EventLog log = Run(TestAudio.Noise(10, rms), TestScorer.Constant(0.01f, 0.8f), leadIn: true);
        Assert.That(log.Started, Is.Empty, log.Describe());
    }

    [Test]
    public void Lead_in_windows_are_not_reported_and_the_clock_stays_the_streams()
    {
        var scorer = TestScorer.Constant(0.1f, 0.1f);
        var log = new EventLog { RecordScores = true };
        var pipeline = new DetectionPipeline(scorer, Model, log, observer: log);
        float[] audio = TestAudio.Noise(3, 0.01);

        pipeline.LeadIn(audio);
        Assert.That(pipeline.Frames, Is.EqualTo(DetectionPipeline.LeadInFrames));
        Assert.That(pipeline.Time, Is.EqualTo(0.0125 - 0.01).Within(1e-9), "the last lead-in frame is one hop before the stream's first");
        pipeline.Process(audio);

        // 298 frames after 100 of lead-in: windows end at every tenth frame from the stream's 10th (0.1025 s) on,
        // on the same grid as without a lead-in (1.0025 s, 1.1025 s, ...); the one ending in the lead-in is scored
        // but not reported.
        Assert.That(scorer.Calls, Is.EqualTo(30));
        Assert.That(log.Scores, Has.Count.EqualTo(29));
        Assert.That(log.Scores[0].Time, Is.EqualTo(0.1025).Within(1e-9));
        Assert.That(log.Scores[9].Time, Is.EqualTo(1.0025).Within(1e-9));
        Assert.That(() => pipeline.LeadIn(audio), Throws.InvalidOperationException);

        // 50 frames of lead-out continue the clock after the stream's 298th frame (index 397): windows end at
        // indices 399, 409, ..., 439.
        pipeline.LeadOut();
        Assert.That(pipeline.Frames, Is.EqualTo(DetectionPipeline.LeadInFrames + 298 + DetectionPipeline.LeadOutFrames));
        Assert.That(log.Scores, Has.Count.EqualTo(34));
        Assert.That(log.Scores[^1].Time, Is.EqualTo(0.0125 + (339 * 0.01)).Within(1e-9));
        Assert.That(() => pipeline.Process(audio), Throws.InvalidOperationException, "the recording is over");
    }

    [Test]
    public void The_lead_in_plays_the_openings_quietest_frames_as_they_came()
    {
        // 2 s of quiet noise, then 3 s 40 dB louder: the quietest fifth of the opening lies in the first 2 s.
        float[] audio = [.. TestAudio.Noise(2, 0.001), .. TestAudio.Noise(3, 0.1, seed: 2)];
        var windows = new List<float[]>();
        var pipeline = new DetectionPipeline(TestScorer.Capturing(windows), Model, new EventLog());

        pipeline.LeadIn(audio);

        Assert.That(windows, Has.Count.EqualTo(1), "one window ends in the lead-in");
        float[] window = windows[0];
        float[] quiet = LogMelFrontEnd.ComputeAll(audio.AsSpan(0, 32_000), FrontEndOptions.Default);
        float quietMean = quiet.Average(), loudMean = quietMean + (float)(4 * Math.Log(10));
        var frameMeans = Enumerable.Range(0, 96).Select(f => window.AsSpan(f * 64, 64).ToArray().Average()).ToArray();
        Assert.That(frameMeans, Has.All.LessThan((quietMean + loudMean) / 2), "only the quiet part's frames");
        Assert.That(frameMeans.Average(), Is.EqualTo(quietMean).Within(1.0));

        // A real background flickers: a band's level varies from frame to frame as the noise's did.
        var band = Enumerable.Range(0, 96).Select(f => (double)window[(f * 64) + 32]).ToArray();
        double mean = band.Average();
        Assert.That(Math.Sqrt(band.Average(v => (v - mean) * (v - mean))), Is.GreaterThan(0.3));
    }

    [Test]
    public void The_lead_in_is_no_evidence_of_beeps()
    {
        // A background that holds a steady piezo tone: as a constant lead-in frame it would be one endless "beep"
        // reaching into the recording, which the cadence decoder must not see.
        float[] audio = TestAudio.Alarm(6, [], hertz: 3100, delay: 0);
        var pipeline = new DetectionPipeline(TestScorer.Constant(0.9f, 0.01f), Model, new EventLog());

        pipeline.LeadIn(audio);

        Assert.That(pipeline.ToneOn, Is.False);
        pipeline.Process(audio.AsSpan(0, 16_000));
        Assert.That(pipeline.ToneOn, Is.True, "the recording's own tone is heard from its first frames");
    }

    [Test]
    public void A_lead_out_without_a_lead_in_adds_nothing()
    {
        var pipeline = new DetectionPipeline(TestScorer.Constant(0.1f, 0.1f), Model, new EventLog());
        pipeline.Process(new float[16_000]);
        pipeline.LeadOut();
        Assert.That(pipeline.Frames, Is.EqualTo(98));
    }

    [Test]
    public void Windows_are_scored_every_hop_on_the_last_96_frames()
    {
        var scorer = TestScorer.Constant(0.1f, 0.1f);
        var log = new EventLog { RecordScores = true };
        var pipeline = new DetectionPipeline(scorer, Model, log, observer: log);
        pipeline.Process(new float[16_000 * 3]);

        // 3 s = 298 frames; windows at frames 100, 110, …, 290.
        Assert.That(pipeline.Frames, Is.EqualTo(298));
        Assert.That(scorer.Calls, Is.EqualTo(20));
        Assert.That(log.Scores[0].Time, Is.EqualTo(0.0125 + (99 * 0.01)).Within(1e-9));
        Assert.That(log.Scores[1].Time - log.Scores[0].Time, Is.EqualTo(0.1).Within(1e-9));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Any_chunking_gives_the_same_scores_and_events(int seed)
    {
        float[] audio = TestAudio.Alarm(14, AlarmCadences.TemporalThree, seed: seed);
        TestAudio.AddGlassBreak(audio, 11.0);

        EventLog whole = Run(audio, TestScorer.Checksum(), record: true);

        var random = new Random(seed);
        var chunked = new EventLog { RecordScores = true };
        var pipeline = new DetectionPipeline(TestScorer.Checksum(), Model, chunked, observer: chunked);
        int position = 0;
        while (position < audio.Length)
        {
            int chunk = Math.Min(audio.Length - position, random.Next(4) switch { 0 => random.Next(0, 3), 1 => 160, 2 => 1024, _ => random.Next(1, 9000) });
            pipeline.Process(audio.AsSpan(position, chunk));
            position += chunk;
        }

        pipeline.Complete();

        Assert.That(whole.Scores, Has.Count.GreaterThan(100));
        Assert.That(chunked.Scores, Is.EqualTo(whole.Scores), "identical windows in, identical scores out");
        Assert.That(chunked.Started, Is.EqualTo(whole.Started));
        Assert.That(chunked.Ended, Is.EqualTo(whole.Ended));
    }

    [Test]
    public void Steady_state_allocates_nothing_per_frame_in_quiet_and_during_an_alarm()
    {
        float[] noise = TestAudio.Noise(4, 0.003);
        float[] alarm = TestAudio.Alarm(64, AlarmCadences.TemporalThree, delay: 0);
        var log = new EventLog();
        var pipeline = new DetectionPipeline(TestScorer.Constant(0.9f, 0.01f), Model, log, observer: log);

        // Quiet room, in ALSA-period-sized chunks: 4 s per round, 40 windows scored.
        long quiet = SteadyState.MinimumAllocatedBytes(() =>
        {
            for (int i = 0; i < noise.Length; i += 1024)
            {
                pipeline.Process(noise.AsSpan(i, Math.Min(1024, noise.Length - i)));
            }
        });

        // An alarm sounding: the event has started; beeps keep matching and extending it.
        int position = 0;
        pipeline.Process(alarm.AsSpan(0, 16_000 * 4));
        position += 16_000 * 4;
        Assert.That(log.Started, Has.Count.EqualTo(1));
        long sounding = SteadyState.MinimumAllocatedBytes(
            () =>
            {
                pipeline.Process(alarm.AsSpan(position, 16_000 * 4));
                position += 16_000 * 4;
            },
            warmupRounds: 3,
            rounds: 5);

        Assert.That(quiet, Is.Zero, $"{quiet} bytes for 4 s of quiet");
        Assert.That(sounding, Is.Zero, $"{sounding} bytes for 4 s of alarm");
        Assert.That(log.Started, Has.Count.EqualTo(1), "still one event");
    }

    [Test]
    public void A_scorer_or_model_that_does_not_fit_is_refused_with_every_reason()
    {
        var noThresholds = new DetectionModel("m@1", 200, new Dictionary<string, float>());
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new DetectionPipeline(TestScorer.Constant(0, 0), noThresholds, new EventLog()))!;
        Assert.That(ex.Message, Does.Contain("HopFrames must be 1..96"));
        Assert.That(ex.Message, Does.Contain("threshold within (0, 1) for 'alarm'").And.Contain("for 'glass_break'"));

        var badOptions = new DetectionOptions { SmokeAlarmEndSeconds = 0, Tone = new ToneActivityOptions { OffProminenceDb = 20 } };
        Assert.That(badOptions.Validate(), Has.Count.EqualTo(2));
        Assert.That(() => new DetectionPipeline(TestScorer.Constant(0, 0), Model, new EventLog(), badOptions), Throws.ArgumentException);
    }

    /// <summary>Found by audioedge eval: quiet CO alarms decoded as T4 group after group while the model stayed below its threshold.</summary>
    [Test]
    public void A_repeated_temporal_four_group_needs_less_from_the_model()
    {
        // Two groups (1 s, 6.7 s): a third would be reported on its cadence alone (see the next test).
        float[] audio = TestAudio.Alarm(12, AlarmCadences.TemporalFour, hertz: 3300, delay: 1.0);

        // 0.3 is below the 0.5 threshold but above half of it: the second group (6.7 s) opens the event.
        EventLog log = Run(audio, TestScorer.Constant(0.3f, 0.01f));
        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.CoAlarm }), log.Describe());
        Assert.That(log.Ended[0].Start, Is.EqualTo(6.7).Within(0.05), "the repeating group");
        Assert.That(log.Ended[0].DetectedAt, Is.InRange(6.7, 8.0));

        EventLog strict = Run(audio, TestScorer.Constant(0.3f, 0.01f), options: new DetectionOptions { RepeatedTemporalFourGateFraction = 1 });
        Assert.That(strict.Started, Is.Empty, "without the repeat rule the model must agree");

        Assert.That(Run(audio, TestScorer.Constant(0.2f, 0.01f)).Started, Is.Empty, "below half the threshold, not on two groups");
    }

    /// <summary>
    /// Found by audioedge eval: a CO alarm at 4 dB SNR was decoded as T4 group after group, one sounder, while the
    /// model's score stayed at most 0.17. A third consecutive group is reported on its cadence alone.
    /// </summary>
    [Test]
    public void A_temporal_four_group_repeated_three_times_needs_nothing_from_the_model()
    {
        // Groups at 1, 6.7 and 12.4 s; the model never scores above 0.01.
        float[] audio = TestAudio.Alarm(16, AlarmCadences.TemporalFour, hertz: 3300, delay: 1.0);
        EventLog log = Run(audio, TestScorer.Constant(0.01f, 0.01f));
        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.CoAlarm }), log.Describe());
        Assert.That(log.Ended[0].Start, Is.EqualTo(12.4).Within(0.05), "the third group");
        Assert.That(log.Ended[0].DetectedAt, Is.InRange(12.4, 13.8), "when the third group closes");
        Assert.That(log.Ended[0].Confidence, Is.LessThan(0.05), "the model's confidence: it did not agree");

        EventLog never = Run(audio, TestScorer.Constant(0.01f, 0.01f), options: new DetectionOptions { CadenceOnlyTemporalFourCycles = 0 });
        Assert.That(never.Started, Is.Empty, "0 turns it off");

        Assert.That(new DetectionOptions { CadenceOnlyTemporalFourCycles = 1 }.Validate(), Has.Count.EqualTo(1), "one group alone is never enough");
        Assert.That(new DetectionOptions { CadenceOnlyTemporalFourCycles = 2 }.Validate(), Is.Empty);
    }

    /// <summary>
    /// Found by <c>audioedge eval --synthetic-per-kind 200</c>: the 520 Hz decoder strung a background's faint tonal
    /// bits into "continuous beeping" while an appliance or a piezo CO alarm beeped 10–40 dB louder, and the model's
    /// score, raised by those beeps, made it a smoke-alarm event.
    /// </summary>
    [Test]
    public void A_faint_520_hz_beeping_takes_no_credit_for_the_score_that_far_louder_piezo_beeps_earned()
    {
        float[] audio = WithLowToneBeeping(TestAudio.Alarm(12, ApplianceBeeps, hertz: 3300, delay: 1.0), 0.05f);

        EventLog log = Run(audio, ScoresWhileApplianceBeeps());
        Assert.That(log.Started, Is.Empty, log.Describe());

        EventLog credited = Run(audio, ScoresWhileApplianceBeeps(), options: new DetectionOptions { LowToneCreditMarginDb = double.PositiveInfinity });
        Assert.That(credited.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.SmokeAlarm }), "without the rule: " + credited.Describe());
    }

    [Test]
    public void A_520_hz_alarm_about_as_loud_as_piezo_beeps_keeps_the_credit()
    {
        // 6 dB below the appliance's beeps, within the credit margin: the windows the model scored high are its too.
        float[] audio = WithLowToneBeeping(TestAudio.Alarm(12, ApplianceBeeps, hertz: 3300, delay: 1.0), 0.5f);

        EventLog log = Run(audio, ScoresWhileApplianceBeeps());
        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.SmokeAlarm }), log.Describe());
        Assert.That(new DetectionOptions { LowToneCreditMarginDb = -1 }.Validate(), Has.Count.EqualTo(1));
        Assert.That(new DetectionOptions { LowToneCreditMarginDb = double.NaN }.Validate(), Has.Count.EqualTo(1));
    }

    /// <summary>
    /// Found by <c>audioedge eval</c> over five folds and on 200 CO scenarios: a continuous-beeping run strung from a
    /// background's tones (and the CO alarm's own pulses) was credited with the score the CO alarm's group earned,
    /// and the CO alarm was reported as a smoke alarm too.
    /// </summary>
    [Test]
    public void Beeping_credited_only_by_the_windows_of_a_co_alarm_group_is_not_a_smoke_alarm()
    {
        float[] audio = WithBeeping(TestAudio.Alarm(20, AlarmCadences.TemporalFour, hertz: 3300, delay: 1.0), 2800, 0.1f);

        EventLog log = Run(audio, ScoresWhileSounding((1.0, 0.7), (6.7, 0.7), (12.4, 0.7), (18.1, 0.7)));
        Assert.That(log.Ended.Select(e => e.Label), Is.EqualTo(new[] { EventLabels.CoAlarm }), log.Describe());
    }

    [Test]
    public void A_smoke_alarm_that_the_model_hears_beside_a_co_alarm_is_reported_too()
    {
        float[] audio = WithBeeping(TestAudio.Alarm(20, AlarmCadences.TemporalFour, hertz: 3300, delay: 1.0), 2800, 0.1f);

        EventLog log = Run(audio, TestScorer.Constant(0.9f, 0.01f));
        Assert.That(log.Ended.Select(e => e.Label), Is.EquivalentTo(new[] { EventLabels.CoAlarm, EventLabels.SmokeAlarm }), log.Describe());
    }

    [Test]
    public void Other_beeping_repeated_many_times_still_needs_the_model()
    {
        // T3 and fast continuous beeping for 16 s at a score of 0.01: cadence alone reports only T4.
        Assert.That(Run(TestAudio.Alarm(16, AlarmCadences.TemporalThree, hertz: 3300, delay: 1.0), TestScorer.Constant(0.01f, 0.01f)).Started, Is.Empty);
        Assert.That(Run(TestAudio.Alarm(16, [TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.1)], hertz: 3300, delay: 1.0), TestScorer.Constant(0.01f, 0.01f)).Started, Is.Empty);
    }

    /// <summary>Adds 520 Hz square-wave fast beeping (150/150 ms from 0.5 s) at <paramref name="scale"/> of the alarms' amplitude.</summary>
    private static float[] WithLowToneBeeping(float[] audio, float scale) => WithBeeping(audio, 520, scale);

    /// <summary>Adds fast beeping (150/150 ms from 0.5 s) at <paramref name="hertz"/> and <paramref name="scale"/> of the alarms' amplitude.</summary>
    private static float[] WithBeeping(float[] audio, double hertz, float scale)
    {
        float[] beeping = TestAudio.Alarm(audio.Length / (double)TestAudio.Rate, FastBeeping, hertz: hertz, delay: 0.5, noiseRms: 0);
        for (int i = 0; i < audio.Length; i++)
        {
            audio[i] += scale * beeping[i];
        }

        return audio;
    }

    /// <summary>A model that hears the <see cref="ApplianceBeeps"/> played from 1.0 s (beeps at 1.0, 1.9 and 3.1 s).</summary>
    private static TestScorer ScoresWhileApplianceBeeps() => ScoresWhileSounding((1.0, 0.2), (1.9, 0.1), (3.1, 0.3));

    /// <summary>
    /// A model that hears the given sounds (start, length in seconds): 0.9 in the windows (0.985 s, the first ending
    /// at 1.0025 s, then every 0.1 s) that hold at least 0.05 s of one of them, 0.05 elsewhere.
    /// </summary>
    private static TestScorer ScoresWhileSounding(params (double Start, double Length)[] sounds) => TestScorer.ByHop(call =>
    {
        double end = 1.0025 + (0.1 * call), start = end - 0.985;
        bool hears = sounds.Any(s => Math.Min(end, s.Start + s.Length) - Math.Max(start, s.Start) >= 0.05);
        return (hears ? 0.9f : 0.05f, 0.01f);
    });

    private static EventLog Run(float[] audio, TestScorer scorer, bool record = false, DetectionOptions? options = null, bool leadIn = false)
    {
        var log = new EventLog { RecordScores = record };
        var pipeline = new DetectionPipeline(scorer, Model, log, options, observer: log);
        if (leadIn)
        {
            pipeline.LeadIn(audio);
        }

        pipeline.Process(audio);
        if (leadIn)
        {
            pipeline.LeadOut();
        }

        pipeline.Complete();
        return log;
    }
}
