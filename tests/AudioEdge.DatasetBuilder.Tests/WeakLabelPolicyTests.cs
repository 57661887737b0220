using AudioEdge.DatasetBuilder.Data;

namespace AudioEdge.DatasetBuilder.Tests;

public class WeakLabelPolicyTests
{
    private static LabelRow Weak(string label, string notes) => new("audioset/alarm/x_1.000.flac", label, "c", "s", "l", true, notes);

    [TestCase("audioset labels: Alarm; Fire alarm; share of energy in 2.9-3.9 kHz: 0.931", 0.931)]
    [TestCase("audioset labels: Smoke detector, smoke alarm; share of energy in 2.9-3.9 kHz: 0.5", 0.5)]
    [TestCase("audioset labels: Speech; Baby cry, infant cry; share of energy in 2.9-3.9 kHz: ", null)]
    [TestCase("", null)]
    public void The_piezo_share_is_read_from_the_notes(string notes, double? share) =>
        Assert.That(WeakLabelPolicy.PiezoShare(notes), Is.EqualTo(share));

    [Test]
    public void Weak_smoke_alarms_are_kept_only_with_a_dominant_piezo_tone()
    {
        Assert.That(WeakLabelPolicy.Keep(Weak(LabelRow.SmokeAlarm, "share of energy in 2.9-3.9 kHz: 0.702")), Is.True);
        Assert.That(WeakLabelPolicy.Keep(Weak(LabelRow.SmokeAlarm, "share of energy in 2.9-3.9 kHz: 0.50")), Is.True);
        Assert.That(WeakLabelPolicy.Keep(Weak(LabelRow.SmokeAlarm, "share of energy in 2.9-3.9 kHz: 0.141")), Is.False);
        Assert.That(WeakLabelPolicy.Keep(Weak(LabelRow.SmokeAlarm, "no share given")), Is.False);
    }

    [Test]
    public void Other_rows_are_always_kept()
    {
        Assert.That(WeakLabelPolicy.Keep(Weak(LabelRow.None, "share of energy in 2.9-3.9 kHz: 0.01")), Is.True);
        Assert.That(WeakLabelPolicy.Keep(Weak(LabelRow.GlassBreak, string.Empty)), Is.True);
        Assert.That(WeakLabelPolicy.Keep(new LabelRow("smoke_alarm/tinyml_alert/a.wav", LabelRow.SmokeAlarm, "c", "s", "l", false, string.Empty)), Is.True);
    }
}
