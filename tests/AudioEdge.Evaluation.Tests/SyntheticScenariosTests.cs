namespace AudioEdge.Evaluation.Tests;

[TestFixture]
public sealed class SyntheticScenariosTests
{
    [Test]
    public void Alarm_scenarios_carry_their_kind_first_complete_group_and_latency_target()
    {
        IReadOnlyList<EvaluationItem> items = SyntheticScenarios.Create([], perKind: 2, seed: 4);
        EvaluationItem[] alarms = [.. items.Where(i => i.Expected is EvaluationLabels.SmokeAlarm or EvaluationLabels.CoAlarm)];

        Assert.That(alarms.Select(a => a.Scenario).Distinct(), Is.EquivalentTo(new[] { "smoke_t3", "smoke_fast", "co_t4", "smoke_lf520" }));
        foreach (EvaluationItem alarm in alarms)
        {
            double placed = alarm.Onset!.Value;
            Assert.That(alarm.CadenceOnset, Is.InRange(placed, placed + 6.5), $"{alarm.Name}: within one cycle of the placement");
            Assert.That(alarm.LatencyTarget, Is.EqualTo(alarm.Scenario == "co_t4" ? 5.7 : 3.0).Within(1e-9), alarm.Name);
        }

        Assert.That(items.Where(i => i.Expected is not (EvaluationLabels.SmokeAlarm or EvaluationLabels.CoAlarm)).Select(i => i.LatencyTarget), Is.All.Null);
    }
}
