namespace AudioEdge.Daemon.Tests;

/// <summary>Waits for a condition by polling (10 ms) with a deadline, instead of sleeping a guessed time.</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {(timeout ?? DefaultTimeout).TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }
}
