using Microsoft.Extensions.Logging;

namespace AudioEdge.Audio.Alsa.Tests;

[TestFixture]
public sealed class AlsaLibraryLogTests
{
    [Test]
    public void LibasoundDiagnosticsGoToTheLoggerInsteadOfStderr()
    {
        var logger = new ListLogger();
        AlsaLibraryLog.RedirectTo(logger);
        try
        {
            var options = new AlsaCaptureOptions { Device = "aenosuchpcm", FailureMode = AlsaFailureMode.FailFast };
            Assert.That(() => AlsaCaptureSource.Open(options), Throws.TypeOf<AlsaException>());
        }
        finally
        {
            AlsaLibraryLog.Restore();
        }

        // libasound 1.2.8 says "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM aenosuchpcm" on stderr.
        Assert.That(
            logger.Entries,
            Has.Some.Matches<(LogLevel Level, string Message)>(e =>
                e.Level == LogLevel.Debug && e.Message.StartsWith("ALSA lib pcm.c:", StringComparison.Ordinal) && e.Message.Contains("(snd_pcm_open_noupdate) Unknown PCM %s", StringComparison.Ordinal)));
    }
}
