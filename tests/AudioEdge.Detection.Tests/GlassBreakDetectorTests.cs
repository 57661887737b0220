namespace AudioEdge.Detection.Tests;

/// <summary>The glass-break logic on scripted frames and scores (no audio, no model).</summary>
[TestFixture]
public sealed class GlassBreakDetectorTests
{
    private const double Frame = 0.01;
    private const float Quiet = -12f;

    [Test]
    public void Thud_then_shatter_confirms_a_moderate_score()
    {
        Script script = new Script().Thud(2.00).Shatter(2.05, 0.2);
        (EventLog log, GlassBreakDetector detector) = script.Run(8, (t) => t >= 2.1 && t < 3.0 ? 0.7f : 0.05f);

        Assert.That(detector.LastConfirmation, Is.EqualTo(2.05).Within(1e-9));
        Assert.That(log.Ended, Has.Count.EqualTo(1));
        DetectionEvent e = log.Ended[0];
        Assert.That(e.Label, Is.EqualTo(EventLabels.GlassBreak));
        Assert.That(e.Start, Is.EqualTo(2.00).Within(1e-9), "the thud");
        Assert.That(e.DetectedAt, Is.EqualTo(2.2).Within(1e-9), "the window after the first one that passes (the score persists)");
        Assert.That(e.Confidence, Is.EqualTo(0.85).Within(1e-4));
        Assert.That(e.End, Is.EqualTo(2.24).Within(0.011), "when the high bands fell back");
        Assert.That(e.Model, Is.EqualTo("glass@1"));
    }

    [Test]
    public void A_shatter_too_long_after_the_thud_is_not_confirmed()
    {
        (EventLog log, GlassBreakDetector detector) = new Script().Thud(2.0).Shatter(2.3, 0.2).Run(6, t => t >= 2.3 && t < 3 ? 0.7f : 0.05f);
        Assert.That(detector.LastConfirmation, Is.EqualTo(double.NegativeInfinity));
        Assert.That(log.Started, Is.Empty);
    }

    [Test]
    public void Without_a_thud_only_a_high_score_counts_and_confidence_is_discounted()
    {
        (EventLog moderate, _) = new Script().Shatter(2.0, 0.2).Run(6, t => t >= 2.1 && t < 3 ? 0.7f : 0.05f);
        Assert.That(moderate.Started, Is.Empty);

        (EventLog high, _) = new Script().Shatter(2.0, 0.2).Run(6, t => t >= 2.1 && t < 3 ? 0.95f : 0.05f);
        Assert.That(high.Ended, Has.Count.EqualTo(1));
        Assert.That(high.Ended[0].Start, Is.EqualTo(2.0).Within(1e-9), "the shatter onset");
        Assert.That(high.Ended[0].Confidence, Is.EqualTo(0.76).Within(1e-4));

        var required = new GlassBreakOptions { UnconfirmedThreshold = 1.0 };
        (EventLog never, _) = new Script().Shatter(2.0, 0.2).Run(6, t => t >= 2.1 && t < 3 ? 0.99f : 0.05f, required);
        Assert.That(never.Started, Is.Empty, "physics required");
    }

    /// <summary>Found by audioedge eval: with a manifest threshold of 0.97, the 0.9 fallback let unconfirmed windows pass more easily than confirmed ones.</summary>
    [Test]
    public void An_unconfirmed_window_never_passes_more_easily_than_a_confirmed_one()
    {
        (EventLog below, _) = new Script().Shatter(2.0, 0.2).Run(6, t => t >= 2.1 && t < 3 ? 0.95f : 0.05f, threshold: 0.97f);
        Assert.That(below.Started, Is.Empty, "0.95 is above the 0.9 fallback but below the manifest's 0.97");

        (EventLog above, _) = new Script().Shatter(2.0, 0.2).Run(6, t => t >= 2.1 && t < 3 ? 0.98f : 0.05f, threshold: 0.97f);
        Assert.That(above.Started, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_narrow_band_whistle_is_not_a_shatter()
    {
        (EventLog log, GlassBreakDetector detector) = new Script().Thud(2.0).Shatter(2.05, 0.2, bands: 3).Run(6, t => t >= 2.1 && t < 3 ? 0.7f : 0.05f);
        Assert.That(detector.LastConfirmation, Is.EqualTo(double.NegativeInfinity));
        Assert.That(log.Started, Is.Empty);
    }

    [Test]
    public void The_refractory_period_keeps_one_breakage_one_event()
    {
        Script script = new Script().Thud(2.0).Shatter(2.03, 0.2).Thud(4.0).Shatter(4.03, 0.2).Thud(12.0).Shatter(12.03, 0.2);
        (EventLog log, _) = script.Run(16, t => (t % 2.0) < 0.9 && t > 2 ? 0.8f : 0.05f);

        Assert.That(log.Ended.Select(e => Math.Round(e.Start, 2)), Is.EqualTo(new[] { 2.0, 12.0 }), log.Describe());
    }

    [Test]
    public void A_score_that_stays_high_still_ends_the_event_when_the_sound_is_over()
    {
        (EventLog log, _) = new Script().Thud(1.0).Shatter(1.02, 0.1).Run(10, _ => 0.9f);
        Assert.That(log.Ended, Has.Count.EqualTo(1));
        Assert.That(log.Ended[0].End, Is.LessThan(1.2));
        Assert.That(log.Ended[0].End, Is.GreaterThanOrEqualTo(log.Ended[0].Start));
    }

    /// <summary>Found by audioedge eval: music and appliance beeps with a saturated model score passed as glass (nothing checked the spectral balance).</summary>
    [Test]
    public void A_sound_mostly_below_the_shatter_band_is_not_glass()
    {
        // Thud and "shatter" as in the confirmed case, but under a loud mid-frequency sound (bands 6–40).
        (EventLog log, GlassBreakDetector detector) = new Script().Thud(2.00).Shatter(2.05, 0.2).Mid(1.9, 0.6).Run(8, t => t >= 2.1 && t < 3.0 ? 0.99f : 0.05f);
        Assert.That(detector.LastConfirmation, Is.EqualTo(2.05).Within(1e-9), "the onset pattern is there");
        Assert.That(log.Started, Is.Empty);

        (EventLog off, _) = new Script().Thud(2.00).Shatter(2.05, 0.2).Mid(1.9, 0.6).Run(
            8, t => t >= 2.1 && t < 3.0 ? 0.99f : 0.05f, new GlassBreakOptions { MinHighBandShareDb = double.NegativeInfinity });
        Assert.That(off.Started, Has.Count.EqualTo(1), "the check can be disabled");
    }

    /// <summary>
    /// Found by audioedge eval: plate and glass clinks with a saturated model score passed as glass. They start like a
    /// break (thud, then a broadband click above 4 kHz) but then ring in a few partials; a shatter stays noise-like.
    /// </summary>
    [Test]
    public void A_ringing_impact_is_not_a_shatter()
    {
        // A 20 ms broadband click, then two high bands ringing 6.5 dB louder than the click for 0.4 s: the ring is
        // the window's loud part (within 6 dB of its peak), and its high-band flatness is about −16 dB.
        Script ringing = new Script().Thud(2.00).Shatter(2.05, 0.02).Band(2.05, 0.4, 55, 56, 6.5f);
        (EventLog log, GlassBreakDetector detector) = ringing.Run(8, t => t >= 2.1 && t < 3.0 ? 0.99f : 0.05f);
        Assert.That(detector.LastConfirmation, Is.EqualTo(2.05).Within(1e-9), "the onset pattern is there");
        Assert.That(log.Started, Is.Empty, log.Describe());

        (EventLog off, _) = ringing.Run(8, t => t >= 2.1 && t < 3.0 ? 0.99f : 0.05f, new GlassBreakOptions { MinHighBandFlatnessDb = double.NegativeInfinity });
        Assert.That(off.Started, Has.Count.EqualTo(1), "the check can be disabled");
    }

    [Test]
    public void A_shatter_need_not_be_perfectly_flat()
    {
        // Bands alternately 4 and 5.5 nepers (6.5 dB apart) above the room: about −1 dB flat, as real breaks are.
        Script uneven = new Script().Thud(2.00).Shatter(2.05, 0.3);
        for (int band = 48; band < 64; band += 2)
        {
            uneven.Band(2.05, 0.3, band, band, 4f);
        }

        (EventLog log, _) = uneven.Run(8, t => t >= 2.1 && t < 3.0 ? 0.99f : 0.05f);
        Assert.That(log.Started, Has.Count.EqualTo(1), log.Describe());
    }

    /// <summary>
    /// Found by audioedge eval: a blender's spike, a plate clatter and an AudioSet chirp clip scored 0.98–0.99 for
    /// one window and 0.51–0.84 for the next (threshold 0.966), though their sound was still in the model's window;
    /// every validation break kept scoring at least 0.93 there. The event waits for that next score.
    /// </summary>
    [Test]
    public void A_glass_score_for_a_single_window_is_not_a_break()
    {
        Script script = new Script().Thud(2.00).Shatter(2.05, 0.2);
        (EventLog once, _) = script.Run(8, t => Math.Abs(t - 2.1) < 1e-6 ? 0.99f : t > 2.1 && t < 3.0 ? 0.5f : 0.05f);
        Assert.That(once.Started, Is.Empty, once.Describe());

        (EventLog off, _) = script.Run(
            8, t => Math.Abs(t - 2.1) < 1e-6 ? 0.99f : t > 2.1 && t < 3.0 ? 0.5f : 0.05f, new GlassBreakOptions { PersistenceFraction = 0 });
        Assert.That(off.Started, Has.Count.EqualTo(1), "the check can be disabled");
        Assert.That(off.Started[0].DetectedAt, Is.EqualTo(2.1).Within(1e-9), "raised at the first window without it");
    }

    [Test]
    public void The_next_score_need_only_stay_near_the_threshold()
    {
        // Threshold 0.6: the next window's 0.56 is above 0.91 × 0.6 = 0.546, though below the threshold itself.
        Script script = new Script().Thud(2.00).Shatter(2.05, 0.2);
        (EventLog log, _) = script.Run(8, t => Math.Abs(t - 2.1) < 1e-6 ? 0.7f : t > 2.1 && t < 3.0 ? 0.56f : 0.05f);
        Assert.That(log.Started, Has.Count.EqualTo(1), log.Describe());
        Assert.That(log.Started[0].Start, Is.EqualTo(2.00).Within(1e-9), "the thud, as for an immediate event");
        Assert.That(log.Started[0].DetectedAt, Is.EqualTo(2.2).Within(1e-9));
        Assert.That(log.Started[0].Confidence, Is.EqualTo(0.85).Within(1e-4), "the passing window's confidence");

        (EventLog below, _) = script.Run(8, t => Math.Abs(t - 2.1) < 1e-6 ? 0.7f : t > 2.1 && t < 3.0 ? 0.54f : 0.05f);
        Assert.That(below.Started, Is.Empty, below.Describe());
    }

    /// <summary>
    /// Found by audioedge eval: a plate dropped once (kitchen20) looked like a break to every check, but the model's
    /// score rose only once its sound had died away, 29–57 dB below its peak over the window's newest 0.2 s; a break's
    /// tail of fragments still sounds then (the validation breaks within 7 dB where they raise their events).
    /// </summary>
    [Test]
    public void A_knock_that_has_died_away_is_not_a_break()
    {
        // A 50 ms knock 30 dB (7 nepers) above the room above 4 kHz; the model's score rises 0.45 s later.
        Script knock = new Script().Thud(2.00).Band(2.05, 0.05, 48, 63, 7f);
        (EventLog log, GlassBreakDetector detector) = knock.Run(8, t => t >= 2.5 && t < 3.0 ? 0.99f : 0.05f);
        Assert.That(detector.LastConfirmation, Is.EqualTo(2.05).Within(1e-9), "the onset pattern is there");
        Assert.That(log.Started, Is.Empty, log.Describe());

        (EventLog off, _) = knock.Run(8, t => t >= 2.5 && t < 3.0 ? 0.99f : 0.05f, new GlassBreakOptions { MaxTailDecayDb = double.PositiveInfinity });
        Assert.That(off.Started, Has.Count.EqualTo(1), "the check can be disabled");

        // The same knock followed by a tail 17 dB below it (3 nepers above the room) until the score rises: a break.
        Script tail = new Script().Thud(2.00).Band(2.05, 0.05, 48, 63, 7f).Band(2.10, 0.6, 48, 63, 3f);
        (EventLog sounding, _) = tail.Run(8, t => t >= 2.5 && t < 3.0 ? 0.99f : 0.05f);
        Assert.That(sounding.Started, Has.Count.EqualTo(1), sounding.Describe());
        Assert.That(sounding.Started[0].Start, Is.EqualTo(2.00).Within(1e-9));
    }

    [TestCase(0.0)]
    [TestCase(-3.0)]
    [TestCase(double.NaN)]
    public void The_tail_decay_limit_is_validated(double db)
    {
        IReadOnlyList<string> errors = new GlassBreakOptions { MaxTailDecayDb = db }.Validate();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("MaxTailDecayDb"));
        Assert.That(new GlassBreakOptions { MaxTailDecayDb = double.PositiveInfinity }.Validate(), Is.Empty);
    }

    [TestCase(-0.1)]
    [TestCase(1.1)]
    [TestCase(double.NaN)]
    public void The_persistence_fraction_is_validated(double fraction)
    {
        IReadOnlyList<string> errors = new GlassBreakOptions { PersistenceFraction = fraction }.Validate();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("PersistenceFraction"));
        Assert.That(new GlassBreakOptions { PersistenceFraction = 0 }.Validate(), Is.Empty);
    }

    [TestCase(0.5)]
    [TestCase(double.NaN)]
    public void The_flatness_limit_is_validated(double db)
    {
        IReadOnlyList<string> errors = new GlassBreakOptions { MinHighBandFlatnessDb = db }.Validate();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("MinHighBandFlatnessDb"));
        Assert.That(new GlassBreakOptions { MinHighBandFlatnessDb = double.NegativeInfinity }.Validate(), Is.Empty);
    }

    /// <summary>Frames of a quiet room with scripted onsets; scores at every 10th frame.</summary>
    private sealed class Script
    {
        private readonly List<(double Start, double End, int FirstBand, int LastBand, float Rise)> _events = [];

        public Script Thud(double at) { _events.Add((at, at + 0.08, 0, 5, 6f)); return this; }

        public Script Shatter(double at, double length, int bands = 16) { _events.Add((at, at + length, 48, 47 + bands, 5f)); return this; }

        public Script Mid(double at, double length) { _events.Add((at, at + length, 10, 40, 9f)); return this; }

        /// <summary>Bands <paramref name="first"/>..<paramref name="last"/> at <paramref name="rise"/> nepers above the room; later calls win.</summary>
        public Script Band(double at, double length, int first, int last, float rise) { _events.Add((at, at + length, first, last, rise)); return this; }

        public (EventLog Log, GlassBreakDetector Detector) Run(double seconds, Func<double, float> score, GlassBreakOptions? options = null, float threshold = 0.6f)
        {
            var log = new EventLog();
            var detector = new GlassBreakDetector(options, null, threshold, 0.96, "glass@1", log);
            var frame = new float[64];
            int frames = (int)Math.Round(seconds / Frame);
            for (int i = 0; i < frames; i++)
            {
                double t = i * Frame;
                Array.Fill(frame, Quiet);
                foreach ((double start, double end, int first, int last, float rise) in _events)
                {
                    if (t >= start - 1e-9 && t < end - 1e-9)
                    {
                        for (int b = first; b <= last; b++)
                        {
                            frame[b] = Quiet + rise;
                        }
                    }
                }

                detector.OnFrame(frame, t);
                if (i % 10 == 0)
                {
                    detector.OnWindowScore(t, score(t));
                }
            }

            detector.Finish(frames * Frame);
            return (log, detector);
        }
    }
}
