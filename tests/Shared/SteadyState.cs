namespace AudioEdge.Testing;

/// <summary>
/// Measures allocation of a hot path in steady state. The JIT's tiering (call counting, on-stack replacement,
/// rejit stubs) can allocate a few hundred bytes on the calling thread at unpredictable moments early in a
/// process; a real per-call allocation shows in every round. So: warm up, run several rounds, report the fewest
/// bytes any round allocated. Linked into each test project from tests/Shared.
/// </summary>
internal static class SteadyState
{
    public static long MinimumAllocatedBytes(Action round, int warmupRounds = 5, int rounds = 5)
    {
        for (int i = 0; i < warmupRounds; i++)
        {
            round();
        }

        long minimum = long.MaxValue;
        for (int i = 0; i < rounds; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            round();
            minimum = Math.Min(minimum, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return minimum;
    }
}
