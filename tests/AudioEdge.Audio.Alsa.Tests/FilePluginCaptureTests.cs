using System.Diagnostics;
using AudioEdge.Audio.Resampling;

namespace AudioEdge.Audio.Alsa.Tests;

/// <summary>
/// The real libasound capture path (open, hw params, wait, readi, conversion, resampling, ring), fed by ALSA's file
/// plugin from raw files; see <see cref="AlsaTestEnvironment"/>.
/// </summary>
[TestFixture]
public sealed class FilePluginCaptureTests
{
    [Test]
    public void S16MonoAt16kHzDeliversTheFileSamplesExactlyAndInOrder()
    {
        short[] file = RawAudio.NoiseS16(16_000, seed: 1);
        string path = WriteS16File("s16-16k-mono.raw", file);

        using AlsaCaptureSource source = AlsaCaptureSource.Open(S16Options(path));
        float[] captured = Capture.ReadExactly(source, file.Length + 1000);

        // Located by content rather than assumed at 0, so that leading silence from the null slave (if a libasound
        // version added some) would show up as such and not as a mismatch.
        float[] expected = [.. file.Select(s => s / 32768f)];
        int start = IndexOf(captured, expected.AsSpan(0, 32));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "The file's first samples never arrived.");
        Assert.Multiple(() =>
        {
            Assert.That(captured[..start], Is.All.Zero, "Only silence may come before the file.");
            Assert.That(captured.AsSpan(start, file.Length).ToArray(), Is.EqualTo(expected), "Every sample, exactly, in order.");
            Assert.That(start, Is.Zero, "Observed with alsa-lib 1.2.8: the null slave adds no leading silence.");
            Assert.That(source.SampleRate, Is.EqualTo(16_000));
            Assert.That(source.Description, Is.EqualTo("alsa:" + AlsaTestEnvironment.FileDevice(path)));
            Assert.That(source.Statistics.Overruns, Is.Zero);
            Assert.That(source.Statistics.Reconnects, Is.Zero);
            Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Capturing));
        });
    }

    [Test]
    public void PastTheEndOfTheInfileTheSourceDeliversSilenceAndNoEndOfStream()
    {
        short[] file = RawAudio.NoiseS16(4_000, seed: 2);
        string path = WriteS16File("s16-eof.raw", file);

        using AlsaCaptureSource source = AlsaCaptureSource.Open(S16Options(path));
        float[] captured = Capture.ReadExactly(source, file.Length + 16_000);

        // The file plugin reports full reads past the end without writing the buffer; the source clears its buffer
        // before each read, so this is silence rather than the last period repeated.
        Assert.Multiple(() =>
        {
            Assert.That(captured[file.Length - 1], Is.EqualTo(file[^1] / 32768f));
            Assert.That(captured[file.Length..], Is.All.Zero);
            Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Capturing));
        });
    }

    [Test]
    public void S32StereoAt48kHzLikeAnI2sMicBecomes16kHzMonoFromTheLeftSlot()
    {
        const int CaptureRate = 48_000;
        double[] left = RawAudio.Tones(CaptureRate, CaptureRate, (1_000, 0.5), (3_000, 0.25), (10_000, 0.1));
        int[] leftSlot = [.. left.Select(RawAudio.ToS24In32)];
        int[] rightSlot = new int[leftSlot.Length]; // The empty slot of a single I2S mic.
        string path = Path.Combine(AlsaTestEnvironment.Directory, "s32-48k-stereo.raw");
        RawAudio.WriteS32Stereo(path, leftSlot, rightSlot);

        using AlsaCaptureSource source = AlsaCaptureSource.Open(S32StereoOptions(path, AlsaChannelSelection.Left));
        float[] captured = Capture.ReadExactly(source, 16_000);

        // Streaming equals offline: the same resampler over the whole signal at once. The capture fed it 480-frame
        // periods, so any difference would be a chunking bug (or samples lost or reordered on the way).
        float[] input = [.. leftSlot.Select(v => v / 2147483648f)];
        var resampler = new PolyphaseResampler(CaptureRate, 16_000);
        var offline = new float[resampler.MaxOutputLength(input.Length)];
        int produced = resampler.Process(input, offline);
        Assert.That(produced, Is.GreaterThan(15_000));
        int compared = Math.Min(produced, captured.Length);
        Assert.That(captured[..compared], Is.EqualTo(offline[..compared]).Within(1e-6f));

        // And independently of how the resampler works: 1 and 3 kHz arrive at their level, 10 kHz (above the new
        // Nyquist of 8 kHz) is filtered out instead of aliasing to 6 kHz. 12800 samples hold whole periods of all three.
        float[] settled = captured[1_600..14_400];
        Assert.Multiple(() =>
        {
            Assert.That(RawAudio.Amplitude(settled, 1_000, 16_000), Is.EqualTo(0.5).Within(0.01));
            Assert.That(RawAudio.Amplitude(settled, 3_000, 16_000), Is.EqualTo(0.25).Within(0.005));
            Assert.That(RawAudio.Amplitude(settled, 6_000, 16_000), Is.LessThan(1e-3));
        });
    }

    [Test]
    public void RightSelectionTakesTheSecondSlot()
    {
        const int CaptureRate = 48_000;
        int[] leftSlot = [.. RawAudio.Tones(CaptureRate / 2, CaptureRate, (5_000, 0.5)).Select(RawAudio.ToS24In32)];
        int[] rightSlot = [.. RawAudio.Tones(CaptureRate / 2, CaptureRate, (1_000, 0.5)).Select(RawAudio.ToS24In32)];
        string path = Path.Combine(AlsaTestEnvironment.Directory, "s32-48k-right.raw");
        RawAudio.WriteS32Stereo(path, leftSlot, rightSlot);

        using AlsaCaptureSource source = AlsaCaptureSource.Open(S32StereoOptions(path, AlsaChannelSelection.Right));
        float[] captured = Capture.ReadExactly(source, 8_000);

        float[] settled = captured[1_600..8_000];
        Assert.Multiple(() =>
        {
            Assert.That(RawAudio.Amplitude(settled, 1_000, 16_000), Is.EqualTo(0.5).Within(0.01));
            Assert.That(RawAudio.Amplitude(settled, 5_000, 16_000), Is.LessThan(1e-3));
        });
    }

    [Test]
    public void DisposeWhileCapturingReturnsPromptlyAndWakesTheReaderWithEndOfStream()
    {
        string path = WriteS16File("s16-dispose.raw", RawAudio.NoiseS16(16_000, seed: 3));
        var options = S16Options(path);
        options.RingCapacity = 4_096; // Full almost at once: the reader below waits on an empty ring after draining it.
        AlsaCaptureSource source = AlsaCaptureSource.Open(options);
        try
        {
            int returnedZeroAfter = -1;
            Exception? readerFailure = null;
            var reader = new Thread(() =>
            {
                try
                {
                    returnedZeroAfter = Capture.ReadToEnd(source).Length;
                }
                catch (Exception e)
                {
                    readerFailure = e;
                }
            });
            reader.Start();
            Capture.WaitUntil(() => source.Statistics.DroppedSamples > 0, "the capture thread has filled the ring");

            var stopwatch = Stopwatch.StartNew();
            source.Dispose();
            stopwatch.Stop();

            Assert.That(reader.Join(Capture.Patience), Is.True, "The blocked reader was not woken.");
            Assert.Multiple(() =>
            {
                Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
                Assert.That(readerFailure, Is.Null);
                Assert.That(returnedZeroAfter, Is.GreaterThan(0), "The reader got audio and then end of stream.");
                Assert.That(source.State, Is.EqualTo(AlsaCaptureState.Stopped));
                Assert.That(source.Read(new float[16]), Is.Zero, "Read after Dispose is end of stream.");
            });
        }
        finally
        {
            source.Dispose();
        }
    }

    [Test]
    public void TheCaptureLoopAllocatesNothingPerPeriod()
    {
        string path = WriteS16File("s16-allocations.raw", RawAudio.NoiseS16(1_000, seed: 5));
        AlsaCaptureOptions options = S16Options(path);

        // A small ring that nobody reads: it is full at once, and from then on the capture thread runs through
        // wait, readi, conversion, resampling and ring write as fast as the clockless null slave allows.
        options.RingCapacity = 4_096;
        using AlsaCaptureSource source = AlsaCaptureSource.Open(options);
        Capture.WaitUntil(() => source.Statistics.DroppedSamples > 200_000, "the loop has warmed up");

        long droppedBefore = source.Statistics.DroppedSamples;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        Thread.Sleep(300);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long periods = (source.Statistics.DroppedSamples - droppedBefore) / options.PeriodFrames;
        TestContext.Out.WriteLine($"{periods} periods, {allocated} bytes allocated in the process");

        // Less than one byte per period for the whole process: any per-period allocation (a boxed value, a buffer,
        // a closure) would be at least 24 bytes each.
        Assert.That(periods, Is.GreaterThan(1_000));
        Assert.That(allocated, Is.LessThan(periods));
    }

    internal static AlsaCaptureOptions S16Options(string path) => new()
    {
        Device = AlsaTestEnvironment.FileDevice(path),
        SampleFormat = AlsaSampleFormat.S16LE,
        Channels = 1,
        SampleRate = 16_000,
        PeriodFrames = 256,
        BufferFrames = 1_024,

        // The null slave has no clock: the whole file arrives at CPU speed, so the ring must hold it all.
        RingCapacity = 65_536,
        FailureMode = AlsaFailureMode.FailFast,
    };

    private static AlsaCaptureOptions S32StereoOptions(string path, AlsaChannelSelection selection) => new()
    {
        Device = AlsaTestEnvironment.FileDevice(path),
        SampleFormat = AlsaSampleFormat.S32LE,
        Channels = 2,
        ChannelSelection = selection,
        SampleRate = 48_000,
        PeriodFrames = 480,
        BufferFrames = 1_920,
        RingCapacity = 65_536,
        FailureMode = AlsaFailureMode.FailFast,
    };

    private static string WriteS16File(string name, short[] samples)
    {
        string path = Path.Combine(AlsaTestEnvironment.Directory, name);
        RawAudio.WriteS16(path, samples);
        return path;
    }

    private static int IndexOf(float[] haystack, ReadOnlySpan<float> needle) => haystack.AsSpan().IndexOf(needle);
}
