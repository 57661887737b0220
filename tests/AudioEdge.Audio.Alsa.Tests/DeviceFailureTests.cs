using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Audio.Alsa.Tests;

/// <summary>Devices that do not exist, or appear later, through the real libasound open path.</summary>
[TestFixture]
public sealed class DeviceFailureTests
{
    private const string MissingDevice = "aenosuchpcm";

    [Test]
    public void FailFastStartThrowsAOneLineErrorNamingTheDevice()
    {
        using var source = new AlsaCaptureSource(new AlsaCaptureOptions { Device = MissingDevice, FailureMode = AlsaFailureMode.FailFast });
        var errors = new List<AlsaCaptureErrorEventArgs>();
        source.Error += (_, e) => errors.Add(e);

        AlsaException? thrown = Assert.Throws<AlsaException>(source.Start);

        Assert.Multiple(() =>
        {
            Assert.That(thrown!.Message, Is.EqualTo($"Cannot open ALSA capture device '{MissingDevice}': No such file or directory (ENOENT)"));
            Assert.That(thrown.ErrorCode, Is.EqualTo(-2));
            Assert.That(thrown.Device, Is.EqualTo(MissingDevice));
            Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Faulted));
            Assert.That(source.LastError, Is.SameAs(thrown));
            Assert.That(errors.Select(e => e.IsFatal), Is.EqualTo(new[] { true }));
            Assert.That(() => source.Read(new float[16]), Throws.TypeOf<AlsaException>().With.Message.EqualTo(thrown.Message));
        });
    }

    [Test]
    public void OpenInFailFastModeThrowsAndLeavesNothingRunning()
    {
        var options = new AlsaCaptureOptions { Device = MissingDevice, FailureMode = AlsaFailureMode.FailFast };

        Assert.That(() => AlsaCaptureSource.Open(options), Throws.TypeOf<AlsaException>().With.Property(nameof(AlsaException.ErrorCode)).EqualTo(-2));
    }

    [Test]
    public void RetryModeKeepsRetryingWithGrowingDelaysAndCountsTheFailures()
    {
        var logger = new ListLogger();
        var options = new AlsaCaptureOptions
        {
            Device = MissingDevice,
            RetryMinDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(80),
        };
        using var source = new AlsaCaptureSource(options, logger);
        var delays = new List<TimeSpan>();
        source.Error += (_, e) =>
        {
            lock (delays)
            {
                delays.Add(e.RetryDelay!.Value);
            }
        };

        var clock = Stopwatch.StartNew();
        source.Start(); // No exception in retry mode: the daemon waits for the device.
        Capture.WaitUntil(() => source.FailureCount >= 6, "six failed opens");
        TimeSpan elapsed = clock.Elapsed;

        TimeSpan[] seen;
        lock (delays)
        {
            seen = [.. delays.Take(6)];
        }

        Assert.Multiple(() =>
        {
            // 20, 40, 80, 80, 80 ms nominal, each shortened by at most 25 % jitter: no busy loop.
            double[] nominal = [20, 40, 80, 80, 80, 80];
            for (int i = 0; i < seen.Length; i++)
            {
                Assert.That(seen[i].TotalMilliseconds, Is.InRange(nominal[i] * 0.75, nominal[i]), $"delay {i + 1}");
            }

            Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds((20 + 40 + 80 + 80 + 80) * 0.75)));
            Assert.That(source.LastError!.ErrorCode, Is.EqualTo(-2));
            Assert.That(source.State, Is.AnyOf(AlsaCaptureState.WaitingToRetry, AlsaCaptureState.Opening));
            Assert.That(source.Statistics.Reconnects, Is.Zero, "Nothing was reopened yet.");
            Assert.That(
                logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message),
                Has.Some.StartsWith($"Cannot open ALSA capture device '{MissingDevice}': No such file or directory (ENOENT) Retrying in "));
        });
    }

    [Test]
    public void ADeviceThatAppearsLaterIsOpenedAndCountedAsAReconnect()
    {
        string path = Path.Combine(AlsaTestEnvironment.Directory, "appears-later.raw");
        AlsaCaptureOptions options = FilePluginCaptureTests.S16Options(path);
        options.FailureMode = AlsaFailureMode.Retry;
        options.RetryMinDelay = TimeSpan.FromMilliseconds(20);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(40);
        using var source = new AlsaCaptureSource(options);

        // The file plugin fails to open while its infile does not exist, like hw: while the USB mic is unplugged.
        source.Start();
        Capture.WaitUntil(() => source.FailureCount >= 2, "two failed opens");
        short[] file = RawAudio.NoiseS16(2_000, seed: 4);
        RawAudio.WriteS16(path, file);

        float[] captured = Capture.ReadExactly(source, file.Length);

        Assert.Multiple(() =>
        {
            Assert.That(captured, Is.EqualTo(file.Select(s => s / 32768f)));
            Assert.That(source.Statistics.Reconnects, Is.EqualTo(1));
            Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Capturing));
            Assert.That(source.LastError!.ErrorCode, Is.EqualTo(-2), "The last failure stays visible after recovery.");
        });
    }

    [Test]
    public void DisposeDuringALongBackoffReturnsPromptly()
    {
        var options = new AlsaCaptureOptions
        {
            Device = MissingDevice,
            RetryMinDelay = TimeSpan.FromSeconds(30),
            RetryMaxDelay = TimeSpan.FromSeconds(30),
        };
        var source = new AlsaCaptureSource(options);
        source.Start();
        Assert.That(source.State, Is.EqualTo(AlsaCaptureState.WaitingToRetry));

        var stopwatch = Stopwatch.StartNew();
        source.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Stopped));
            Assert.That(source.Read(new float[16]), Is.Zero);
        });
    }
}
