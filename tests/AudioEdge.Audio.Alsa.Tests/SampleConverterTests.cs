using System.Buffers.Binary;

namespace AudioEdge.Audio.Alsa.Tests;

[TestFixture]
public sealed class SampleConverterTests
{
    [Test]
    public void S16ScalesBy2ToTheMinus15()
    {
        byte[] raw = RawAudio.S16Bytes([short.MinValue, -1, 0, 1, short.MaxValue]);
        var mono = new float[5];

        SampleConverter.ToMono(raw, 5, AlsaSampleFormat.S16LE, 1, AlsaChannelSelection.Left, mono);

        Assert.That(mono, Is.EqualTo(new[] { -1f, -1f / 32768, 0f, 1f / 32768, 32767f / 32768 }));
    }

    [Test]
    public void S32With24BitsLeftJustifiedConvertsExactly()
    {
        // What an SPH0645/INMP441 sends: 24 significant bits, low byte zero.
        int[] slots = [int.MinValue, 0x7FFFFF00, 0x00000100, -0x00000100];
        byte[] raw = Interleave32(slots);
        var mono = new float[4];

        SampleConverter.ToMono(raw, 4, AlsaSampleFormat.S32LE, 1, AlsaChannelSelection.Left, mono);

        Assert.That(mono, Is.EqualTo(new[] { -1f, 8388607f / 8388608, 1f / 8388608, -1f / 8388608 }));
    }

    [TestCase(AlsaChannelSelection.Left, new[] { 0.25f, -0.5f })]
    [TestCase(AlsaChannelSelection.Right, new[] { 0.75f, 0.5f })]
    [TestCase(AlsaChannelSelection.Average, new[] { 0.5f, 0f })]
    public void StereoS16FramesBecomeTheSelectedChannel(AlsaChannelSelection selection, float[] expected)
    {
        byte[] raw = RawAudio.S16Bytes([8192, 24576, -16384, 16384]);
        var mono = new float[2];

        SampleConverter.ToMono(raw, 2, AlsaSampleFormat.S16LE, 2, selection, mono);

        Assert.That(mono, Is.EqualTo(expected));
    }

    [Test]
    public void AveragingFullScaleS32DoesNotOverflow()
    {
        byte[] raw = Interleave32([int.MaxValue, int.MaxValue, int.MinValue, int.MinValue]);
        var mono = new float[2];

        SampleConverter.ToMono(raw, 2, AlsaSampleFormat.S32LE, 2, AlsaChannelSelection.Average, mono);

        Assert.That(mono, Is.EqualTo(new[] { 1f, -1f }).Within(1e-7f));
    }

    [Test]
    public void OnlyTheGivenFramesAreWritten()
    {
        byte[] raw = RawAudio.S16Bytes([100, 200, 300, 400]);
        float[] mono = [9, 9, 9, 9];

        SampleConverter.ToMono(raw, 2, AlsaSampleFormat.S16LE, 1, AlsaChannelSelection.Left, mono);

        Assert.That(mono[2..], Is.All.EqualTo(9f));
    }

    private static byte[] Interleave32(int[] samples)
    {
        var bytes = new byte[samples.Length * sizeof(int)];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), samples[i]);
        }

        return bytes;
    }
}
