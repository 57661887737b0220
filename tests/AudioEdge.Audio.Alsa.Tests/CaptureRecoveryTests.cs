using System.Diagnostics;
using AudioEdge.Audio.Alsa.Interop;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Audio.Alsa.Tests;

/// <summary>
/// The capture loop's error handling, driven by scripted devices: ALSA's file plugin never overruns and never
/// vanishes, so these cases cannot come from libasound here. The scripted device is 16 kHz S16 mono, so the samples
/// pass the (pass-through) resampler unchanged and can be compared exactly.
/// </summary>
[TestFixture]
public sealed class CaptureRecoveryTests
{
    private static readonly short[] A = RawAudio.NoiseS16(1_000, seed: 10);
    private static readonly short[] B = RawAudio.NoiseS16(700, seed: 11);

    [TestCase(Errno.EPIPE, false, TestName = "An xrun from readi is recovered in place and counted")]
    [TestCase(Errno.EPIPE, true, TestName = "An xrun from snd_pcm_wait is recovered in place and counted")]
    [TestCase(Errno.ESTRPIPE, false, TestName = "A suspend is recovered in place and counted")]
    public void OverrunsAreRecoveredWithoutReopening(int errno, bool fromWait)
    {
        var device = new ScriptedPcmDevice(PcmStep.Data(A), fromWait ? PcmStep.WaitError(errno) : PcmStep.ReadError(errno), PcmStep.Data(B));
        var opener = new ScriptedOpener(device);
        using AlsaCaptureSource source = Start(opener, Options());

        float[] captured = Capture.ReadExactly(source, A.Length + B.Length);

        Assert.Multiple(() =>
        {
            Assert.That(captured, Is.EqualTo(Floats(A, B)));
            Assert.That(source.Statistics.Overruns, Is.EqualTo(1));
            Assert.That(device.RecoverCalls, Is.EqualTo(new[] { -errno }));
            Assert.That(source.Statistics.Reconnects, Is.Zero);
            Assert.That(source.FailureCount, Is.Zero);
            Assert.That(opener.Opens, Is.EqualTo(1));
        });
    }

    [TestCase(Errno.ENODEV, TestName = "A device that vanishes with ENODEV is reopened with backoff while the reader waits")]
    [TestCase(Errno.EBADFD, TestName = "A device that vanishes with EBADFD is reopened with backoff while the reader waits")]
    [TestCase(Errno.EIO, TestName = "A device that vanishes with EIO is reopened with backoff while the reader waits")]
    public void ADeviceThatVanishesIsReopenedWithBackoffWhileTheReaderWaits(int errno)
    {
        var logger = new ListLogger();
        var first = new ScriptedPcmDevice(PcmStep.Data(A), PcmStep.ReadError(errno));
        var second = new ScriptedPcmDevice(PcmStep.Data(B));
        var opener = new ScriptedOpener(first, ScriptedOpener.Unplugged(), ScriptedOpener.Unplugged(), second);
        using AlsaCaptureSource source = Start(opener, Options(), logger, out List<AlsaCaptureErrorEventArgs> errors);

        float[] captured = Capture.ReadExactly(source, A.Length + B.Length);

        Assert.Multiple(() =>
        {
            Assert.That(captured, Is.EqualTo(Floats(A, B)));
            Assert.That(first.IsDisposed, Is.True, "The failed device is closed before reopening.");
            Assert.That(source.Statistics.Reconnects, Is.EqualTo(1));
            Assert.That(source.Statistics.Overruns, Is.Zero);
            Assert.That(source.FailureCount, Is.EqualTo(3));
            Assert.That(errors.Select(e => e.ConsecutiveFailures), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(errors.Select(e => e.IsFatal), Is.All.False);
            Assert.That(errors[0].Error.ErrorCode, Is.EqualTo(-errno));
            Assert.That(errors[0].Error.Message, Does.StartWith("ALSA capture device 'scripted' failed while capturing: "));
            Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Capturing));
            Assert.That(logger.Entries, Has.Some.Matches<(LogLevel Level, string Message)>(e => e.Level == LogLevel.Warning && e.Message.Contains("failed while capturing", StringComparison.Ordinal)));
            Assert.That(logger.Entries, Has.Some.Matches<(LogLevel Level, string Message)>(e => e.Message == "ALSA capture 'scripted' reopened after 3 failure(s)"));
        });
    }

    [Test]
    public void AFailedRecoveryFallsBackToReopening()
    {
        var first = new ScriptedPcmDevice(PcmStep.Data(A), PcmStep.ReadError(Errno.EPIPE)) { RecoverResult = -Errno.ENODEV };
        var second = new ScriptedPcmDevice(PcmStep.Data(B));
        using AlsaCaptureSource source = Start(new ScriptedOpener(first, second), Options());

        float[] captured = Capture.ReadExactly(source, A.Length + B.Length);

        Assert.Multiple(() =>
        {
            Assert.That(captured, Is.EqualTo(Floats(A, B)));
            Assert.That(source.Statistics.Overruns, Is.EqualTo(1));
            Assert.That(source.Statistics.Reconnects, Is.EqualTo(1));
            Assert.That(source.LastError!.ErrorCode, Is.EqualTo(-Errno.ENODEV), "The recovery's error is what gets reported.");
        });
    }

    [Test]
    public void FailFastEndsTheStreamWithTheErrorAfterTheAudioCapturedBeforeIt()
    {
        var device = new ScriptedPcmDevice(PcmStep.Data(A), PcmStep.ReadError(Errno.EIO), PcmStep.Data(B));
        var opener = new ScriptedOpener(device);
        AlsaCaptureOptions options = Options();
        options.FailureMode = AlsaFailureMode.FailFast;
        using AlsaCaptureSource source = Start(opener, options, new ListLogger(), out List<AlsaCaptureErrorEventArgs> errors);

        float[] captured = Capture.ReadExactly(source, A.Length);

        Assert.That(captured, Is.EqualTo(Floats(A)));
        AlsaException? thrown = Assert.Throws<AlsaException>(() => source.Read(new float[64]));
        Assert.Multiple(() =>
        {
            Assert.That(thrown!.ErrorCode, Is.EqualTo(-Errno.EIO));
            Assert.That(thrown.Message, Is.EqualTo("ALSA capture device 'scripted' failed while capturing: Input/output error (EIO)"));
            Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Faulted));
            Assert.That(errors.Select(e => e.IsFatal), Is.EqualTo(new[] { true }));
            Assert.That(opener.Opens, Is.EqualTo(1), "No retry in fail-fast mode.");
            Assert.That(device.IsDisposed, Is.True);
        });
    }

    [Test]
    public void ADeviceThatStopsDeliveringIsTreatedAsFailedAfterTheStallTimeout()
    {
        var stalled = new ScriptedPcmDevice(PcmStep.Data(A)); // Then every wait times out: a stopped I2S clock.
        var second = new ScriptedPcmDevice(PcmStep.Data(B));
        AlsaCaptureOptions options = Options();
        options.StallTimeout = TimeSpan.FromMilliseconds(300);
        using AlsaCaptureSource source = Start(new ScriptedOpener(stalled, second), options);

        float[] captured = Capture.ReadExactly(source, A.Length + B.Length);

        Assert.Multiple(() =>
        {
            Assert.That(captured, Is.EqualTo(Floats(A, B)));
            Assert.That(source.LastError!.ErrorCode, Is.EqualTo(-Errno.ETIMEDOUT));
            Assert.That(source.LastError.Message, Is.EqualTo("ALSA capture device 'scripted' delivered no audio for 0.3 s."));
            Assert.That(source.Statistics.Reconnects, Is.EqualTo(1));
        });
    }

    [Test]
    public void DisposeWhileTheThreadWaitsForAudioReturnsWithinASecond()
    {
        var silent = new ScriptedPcmDevice(); // Every snd_pcm_wait runs into its timeout.
        AlsaCaptureSource source = Start(new ScriptedOpener(silent), Options());
        int result = -1;
        var reader = new Thread(() => result = source.Read(new float[64]));
        reader.Start();
        Thread.Sleep(200); // The reader is blocked on the empty ring, the capture thread inside Wait.

        var stopwatch = Stopwatch.StartNew();
        source.Dispose();
        stopwatch.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(reader.Join(Capture.Patience), Is.True);
            Assert.That(result, Is.Zero, "A blocked reader sees end of stream.");
            Assert.That(silent.IsDisposed, Is.True);
            Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Stopped));
        });
    }

    [Test]
    public void AThrowingErrorHandlerIsLoggedAndCaptureGoesOn()
    {
        var logger = new ListLogger();
        var first = new ScriptedPcmDevice(PcmStep.Data(A), PcmStep.ReadError(Errno.ENODEV));
        var second = new ScriptedPcmDevice(PcmStep.Data(B));
        using var source = new AlsaCaptureSource(Options(), logger, new ScriptedOpener(first, second).Open, new Random(1));
        source.Error += (_, _) => throw new InvalidOperationException("handler bug");
        source.Start();

        float[] captured = Capture.ReadExactly(source, A.Length + B.Length);

        Assert.Multiple(() =>
        {
            Assert.That(captured, Is.EqualTo(Floats(A, B)));
            Assert.That(logger.Entries, Has.Some.Matches<(LogLevel Level, string Message)>(e => e.Message.StartsWith("A handler of AlsaCaptureSource.Error threw", StringComparison.Ordinal)));
        });
    }

    [Test]
    public void StopFromAnErrorHandlerEndsTheStream()
    {
        var device = new ScriptedPcmDevice(PcmStep.Data(A), PcmStep.ReadError(Errno.ENODEV));
        using var source = new AlsaCaptureSource(Options(), null, new ScriptedOpener(device).Open, new Random(1));
        source.Error += (sender, _) => ((AlsaCaptureSource)sender!).Stop();
        source.Start();

        float[] captured = Capture.ReadToEnd(source);

        Assert.Multiple(() =>
        {
            Assert.That(captured, Is.EqualTo(Floats(A)));
            Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Stopped));
        });
    }

    [Test]
    public void TheFirstOpenFailureReachesHandlersAttachedBeforeStart()
    {
        var device = new ScriptedPcmDevice(PcmStep.Data(A));
        using var source = new AlsaCaptureSource(Options(), null, new ScriptedOpener(ScriptedOpener.Unplugged(), device).Open, new Random(1));
        var errors = new List<AlsaCaptureErrorEventArgs>();
        source.Error += (_, e) => errors.Add(e);

        source.Start();

        Assert.That(errors, Has.Count.EqualTo(1), "Raised on the thread calling Start, before it returned.");
        Assert.That(Capture.ReadExactly(source, A.Length), Is.EqualTo(Floats(A)));
    }

    [Test]
    public void ARateThatCannotBeResampledFailsStartEvenInRetryMode()
    {
        // A hw: device may answer rate_near with whatever it has; 383999 Hz would need a filter table beyond the resampler's limit.
        var odd = new ScriptedPcmDevice(PcmStep.Data(A)) { Configuration = new(AlsaSampleFormat.S16LE, 1, 383_999, 256, 1024) };
        var opener = new ScriptedOpener(odd);
        using var source = new AlsaCaptureSource(Options(), null, opener.Open, new Random(1));

        Assert.That(source.Start, Throws.TypeOf<AlsaException>().With.Message.Contains("runs at 383999 Hz, which cannot be resampled to 16 kHz"));
        Assert.Multiple(() =>
        {
            Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Faulted));
            Assert.That(opener.Opens, Is.EqualTo(1), "No retry: the device would offer the same rate again.");
            Assert.That(odd.IsDisposed, Is.True);
        });
    }

    [Test]
    public void ReadBeforeStartIsAnError()
    {
        using var source = new AlsaCaptureSource(Options(), null, new ScriptedOpener().Open, new Random(1));

        Assert.That(() => source.Read(new float[16]), Throws.InvalidOperationException);
    }

    [Test]
    public void StartTwiceIsAnError()
    {
        using AlsaCaptureSource source = Start(new ScriptedOpener(new ScriptedPcmDevice()), Options());

        Assert.That(source.Start, Throws.InvalidOperationException);
    }

    private static AlsaCaptureOptions Options() => new()
    {
        Device = "scripted",
        SampleFormat = AlsaSampleFormat.S16LE,
        Channels = 1,
        SampleRate = 16_000,
        PeriodFrames = 256,
        BufferFrames = 1_024,
        RetryMinDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(40),
    };

    private static AlsaCaptureSource Start(ScriptedOpener opener, AlsaCaptureOptions options) =>
        Start(opener, options, null, out _);

    private static AlsaCaptureSource Start(ScriptedOpener opener, AlsaCaptureOptions options, ILogger? logger, out List<AlsaCaptureErrorEventArgs> errors)
    {
        var source = new AlsaCaptureSource(options, logger, opener.Open, new Random(1));
        var seen = new List<AlsaCaptureErrorEventArgs>();
        source.Error += (_, e) =>
        {
            lock (seen)
            {
                seen.Add(e);
            }
        };
        errors = seen;
        source.Start();
        return source;
    }

    private static float[] Floats(params short[][] parts) => [.. parts.SelectMany(p => p).Select(s => s / 32768f)];
}
