using AudioEdge.DatasetBuilder.Labelling;
using AudioEdge.Synthesis;

namespace AudioEdge.DatasetBuilder.Tests;

public class WindowPlannerTests
{
    private static readonly WindowPlan Plan = new() { HopFrames = 48, MaxRegularWindows = 100, WindowsPerOnset = 4 };

    private static SoundSegment Alarm(double from, double to) => new(SegmentKind.Alarm, (int)(from * 16000), (int)((to - from) * 16000));

    private static SoundSegment Glass(double onset, double length = 1.0) => new(SegmentKind.GlassBreak, (int)(onset * 16000), (int)(length * 16000));

    [Test]
    public void A_window_is_an_alarm_when_a_tone_sounds_at_least_50_ms_in_it()
    {
        // Window 0 covers 0–0.975 s.
        Assert.That(WindowPlanner.Label(0, [Alarm(0.5, 0.6)], Plan), Is.EqualTo(new PlannedWindow(0, true, false)));
        Assert.That(WindowPlanner.Label(0, [Alarm(0.9, 1.5)], Plan)!.Value.Alarm, Is.True, "75 ms inside");
        Assert.That(WindowPlanner.Label(0, [Alarm(0.95, 1.5)], Plan), Is.Null, "25 ms of a beep edge: a guess, left out");
        Assert.That(WindowPlanner.Label(0, [Alarm(1.0, 1.5)], Plan), Is.EqualTo(new PlannedWindow(0, false, false)));
    }

    [Test]
    public void A_window_is_a_glass_break_when_the_onset_lies_in_it_with_100_ms_to_spare()
    {
        Assert.That(WindowPlanner.Label(0, [Glass(0.3)], Plan), Is.EqualTo(new PlannedWindow(0, false, true)));
        Assert.That(WindowPlanner.Label(0, [Glass(0.9)], Plan), Is.Null, "onset in the last 100 ms");
        Assert.That(WindowPlanner.Label(50, [Glass(0.3)], Plan), Is.Null, "the ringing tail without its onset");
        Assert.That(WindowPlanner.Label(200, [Glass(0.3)], Plan), Is.EqualTo(new PlannedWindow(200, false, false)), "long after the break");
        Assert.That(WindowPlanner.Label(0, [Glass(0.3), Alarm(0.1, 0.6)], Plan), Is.EqualTo(new PlannedWindow(0, true, true)), "both at once");
    }

    [Test]
    public void Onset_windows_put_the_onset_at_several_places_in_the_window()
    {
        List<PlannedWindow> windows = WindowPlanner.Plan(500, [Glass(2.0)], Plan with { KeepRegular = false }, new Random(1));

        Assert.That(windows, Has.Count.EqualTo(4));
        Assert.That(windows, Has.All.Matches<PlannedWindow>(w => w.GlassBreak));
        double[] positions = [.. windows.Select(w => (2.0 - (w.StartSample / 16000.0)) / 0.96)];
        Assert.That(positions, Has.All.InRange(0.05, 0.71));
        Assert.That(positions.Max() - positions.Min(), Is.GreaterThan(0.3));
    }

    [Test]
    public void Regular_windows_are_spread_over_the_whole_recording_when_capped()
    {
        List<PlannedWindow> windows = WindowPlanner.Plan(6096, [], Plan with { MaxRegularWindows = 5 }, new Random(1));

        Assert.That(windows.Select(w => w.StartFrame), Is.EqualTo(new[] { 0, 1488, 2976, 4512, 6000 }));
        Assert.That(windows, Has.None.Matches<PlannedWindow>(w => w.Alarm || w.GlassBreak));
    }

    [Test]
    public void The_end_of_a_recording_gets_a_window_too()
    {
        List<PlannedWindow> windows = WindowPlanner.Plan(180, [], Plan, new Random(1));
        Assert.That(windows.Select(w => w.StartFrame), Is.EqualTo(new[] { 0, 48, 84 }));
        Assert.That(WindowPlanner.Plan(95, [], Plan, new Random(1)), Is.Empty, "shorter than a window");
    }

    [Test]
    public void Without_negatives_only_positive_windows_remain()
    {
        List<PlannedWindow> windows = WindowPlanner.Plan(1000, [Alarm(3.0, 3.5)], Plan with { KeepNegatives = false }, new Random(1));
        Assert.That(windows, Is.Not.Empty);
        Assert.That(windows, Has.All.Matches<PlannedWindow>(w => w.Alarm));
    }

    [Test]
    public void An_impact_in_a_negative_recording_gets_windows_placed_as_a_glass_onset_s_are()
    {
        List<PlannedWindow> windows = WindowPlanner.Plan(500, [], Plan with { KeepRegular = false, ImpactOnsetFrames = [200] }, new Random(1));

        Assert.That(windows, Has.Count.EqualTo(4));
        Assert.That(windows, Has.None.Matches<PlannedWindow>(w => w.Alarm || w.GlassBreak), "negatives");
        double[] positions = [.. windows.Select(w => (2.0 - (w.StartSample / 16000.0)) / 0.96)];
        Assert.That(positions, Has.All.InRange(0.05, 0.71));
        Assert.That(WindowPlanner.Plan(500, [], Plan with { KeepRegular = false }, new Random(1)), Is.Empty, "none by default");
    }
}
