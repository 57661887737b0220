using System.Buffers.Binary;
using AudioEdge.Audio.Tests.Support;
using AudioEdge.Audio.Wav;

namespace AudioEdge.Audio.Tests.Wav;

[TestFixture]
public sealed class WavWriterTests
{
    [Test]
    public void Pcm16_round_trips_within_half_a_step_and_clips()
    {
        float[] samples = [.. Signals.Sine(440, 16000, 1000, amplitude: 0.9), 1.5f, -1.5f, 1f, float.NaN];
        byte[] file = WavWriter.ToBytes(samples, 16000);
        WavDecodeResult result = WavDecoder.Decode(file);
        Assert.Multiple(() =>
        {
            Assert.That(file, Has.Length.EqualTo(44 + (2 * samples.Length)));
            Assert.That(result.Format.Encoding, Is.EqualTo(WavSampleEncoding.Pcm));
            Assert.That(result.Format.BitsPerSample, Is.EqualTo(16));
            Assert.That(result.SampleRate, Is.EqualTo(16000));
            Assert.That(result.Warnings, Is.Empty);
            Assert.That(result.Samples[^4..], Is.EqualTo(new[] { 32767 / 32768f, -1f, 32767 / 32768f, 0f }));
        });
        for (int i = 0; i < 1000; i++)
        {
            Assert.That(result.Samples[i], Is.EqualTo(samples[i]).Within(0.5 / 32768));
        }
    }

    [Test]
    public void Float32_round_trips_exactly_with_a_fact_chunk()
    {
        float[] samples = Signals.Noise(777, seed: 1, amplitude: 1);
        byte[] file = WavWriter.ToBytes(samples, 44100, WavOutputFormat.IeeeFloat32);
        WavDecodeResult result = WavDecoder.Decode(file);
        Assert.Multiple(() =>
        {
            Assert.That(result.Format.Encoding, Is.EqualTo(WavSampleEncoding.IeeeFloat));
            Assert.That(result.Samples, Is.EqualTo(samples));
            Assert.That(result.Warnings, Is.Empty);
            Assert.That(file.AsSpan(38, 4).SequenceEqual("fact"u8), Is.True);
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(46)), Is.EqualTo(777));
        });
    }

    [Test]
    public void Sizes_are_patched_on_dispose_and_streaming_writes_append()
    {
        using var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, 8000, leaveOpen: true))
        {
            writer.Write(new float[10]);
            writer.Write(new float[20_000]);
            Assert.That(writer.SamplesWritten, Is.EqualTo(20_010));
        }

        byte[] file = stream.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)), Is.EqualTo(file.Length - 8));
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)), Is.EqualTo(40_020));
            Assert.That(WavDecoder.Decode(file).Samples, Has.Length.EqualTo(20_010));
        });
    }

    [Test]
    public void A_file_written_to_a_pipe_keeps_unknown_sizes_and_still_decodes()
    {
        var sink = new MemoryStream();
        using (var writer = new WavWriter(new WriteOnlyStream(sink), 16000))
        {
            writer.Write(Signals.Sine(1000, 16000, 500, 0.5));
        }

        byte[] file = sink.ToArray();
        WavDecodeResult result = WavDecoder.Decode(file);
        Assert.Multiple(() =>
        {
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)), Is.EqualTo(0xFFFF_FFFF));
            Assert.That(result.Samples, Has.Length.EqualTo(500));
            Assert.That(result.Warnings, Has.One.Contains("0xFFFFFFFF"));
        });
    }

    [Test]
    public void WriteFile_and_ReadMono_round_trip_through_disk()
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"writer-{Guid.NewGuid():N}.wav");
        try
        {
            float[] samples = Signals.Noise(1234, seed: 2);
            WavWriter.WriteFile(path, samples, 22050, WavOutputFormat.IeeeFloat32);
            Assert.That(WavFile.ReadMono(path).Samples, Is.EqualTo(samples));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Forwards writes to a sink but cannot seek, like a pipe.</summary>
    private sealed class WriteOnlyStream(Stream sink) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => sink.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => sink.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => sink.Write(buffer);
    }
}
