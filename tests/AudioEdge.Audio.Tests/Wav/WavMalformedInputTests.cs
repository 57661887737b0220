using AudioEdge.Audio.Tests.Support;
using AudioEdge.Audio.Wav;

namespace AudioEdge.Audio.Tests.Wav;

/// <summary>Bad input fails with <see cref="InvalidAudioFileException"/> and a message that names the problem — never another exception.</summary>
[TestFixture]
public sealed class WavMalformedInputTests
{
    [Test]
    public void Truncation_anywhere_in_the_header_or_first_frame_is_rejected_and_later_truncation_is_decoded()
    {
        double[][] signals = TestWav.Signals(2, 50, 44100);
        byte[] file = TestWav.Riff(
            TestWav.ListInfo("title"),
            TestWav.FmtExtensible(TestWav.Pcm, 2, 44100, 24, 24),
            TestWav.Chunk("fact", 4),
            TestWav.Data(TestWav.Encode(signals, false, 24)));
        int blockAlign = 6;
        int dataStart = file.Length - (50 * blockAlign);

        for (int length = 0; length < file.Length; length++)
        {
            foreach (bool seekable in new[] { true, false })
            {
                byte[] cut = file[..length];
                if (length < dataStart + blockAlign)
                {
                    Assert.That(() => WavDecoderTests.Decode(cut, seekable), Throws.TypeOf<InvalidAudioFileException>(), $"cut at {length}");
                }
                else
                {
                    WavDecodeResult result = WavDecoderTests.Decode(cut, seekable);
                    Assert.That(result.Samples, Has.Length.EqualTo((length - dataStart) / blockAlign), $"cut at {length}");
                    Assert.That(result.Warnings, Has.One.Contains("truncated"), $"cut at {length}");
                }
            }
        }
    }

    public static IEnumerable<TestCaseData> BadFiles()
    {
        byte[] good = TestWav.Pcm16Mono();
        byte[] data = good[44..];

        TestCaseData Case(string name, byte[] file, string message) => new TestCaseData(file, message).SetName(name);
        byte[] Patch(byte[] file, int offset, params byte[] bytes)
        {
            byte[] copy = (byte[])file.Clone();
            bytes.CopyTo(copy, offset);
            return copy;
        }

        yield return Case("empty file", [], "the file is empty");
        yield return Case("three bytes", "RIF"u8.ToArray(), "too short");
        yield return Case("RIFF header only", good[..12], "no fmt chunk");
        yield return Case("wrong magic", Patch(good, 0, "OggS"u8.ToArray()), "not a RIFF file (starts with 4F 67 67 53)");
        yield return Case("big-endian RIFX", Patch(good, 0, "RIFX"u8.ToArray()), "RIFX");
        yield return Case("RF64", Patch(good, 0, "RF64"u8.ToArray()), "RF64");
        yield return Case("AVI not WAVE", Patch(good, 8, "AVI "u8.ToArray()), "type 'AVI ', not WAVE");
        yield return Case("MP3 in WAV", TestWav.Riff(TestWav.Fmt(0x0055, 1, 16000, 0, blockAlign: 1), TestWav.Data(data)), "unsupported format tag 0x0055 (MP3)");
        yield return Case("MS ADPCM", TestWav.Riff(TestWav.Fmt(0x0002, 1, 16000, 4, blockAlign: 256), TestWav.Data(data)), "0x0002 (Microsoft ADPCM)");
        yield return Case("mu-law", TestWav.Riff(TestWav.Fmt(0x0007, 1, 8000, 8), TestWav.Data(data)), "0x0007 (mu-law)");
        yield return Case("extensible MP3", TestWav.Riff(TestWav.FmtExtensible(0x0055, 1, 16000, 16, 16), TestWav.Data(data)), "sub-format 0x0055 (MP3)");
        yield return Case("extensible foreign GUID", TestWav.Riff(TestWav.FmtExtensible(1, 1, 16000, 16, 16, guidTail: new byte[14]), TestWav.Data(data)), "unsupported WAVE_FORMAT_EXTENSIBLE sub-format {");
        yield return Case("extensible too short", TestWav.Riff(TestWav.Fmt(TestWav.Extensible, 1, 16000, 16, withCbSize: true), TestWav.Data(data)), "too short (18 bytes; 40 needed)");
        yield return Case("zero channels", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 0, 16000, 16, blockAlign: 2), TestWav.Data(data)), "0 channels");
        yield return Case("33 channels", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 33, 16000, 16), TestWav.Data(data)), "33 channels are not supported");
        yield return Case("65535 channels", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 65535, 16000, 16, blockAlign: 2), TestWav.Data(data)), "65535 channels");
        yield return Case("rate 0", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 1, 0, 16), TestWav.Data(data)), "sample rate 0 Hz");
        yield return Case("rate 999", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 1, 999, 16), TestWav.Data(data)), "sample rate 999 Hz");
        yield return Case("rate 4 GHz", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 1, unchecked((int)4_000_000_000u), 16), TestWav.Data(data)), "sample rate 4000000000 Hz");
        yield return Case("0-bit PCM", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 1, 16000, 0, blockAlign: 2), TestWav.Data(data)), "0-bit PCM");
        yield return Case("40-bit PCM", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 1, 16000, 40), TestWav.Data(data)), "40-bit PCM is not supported");
        yield return Case("16-bit float", TestWav.Riff(TestWav.Fmt(TestWav.IeeeFloat, 1, 16000, 16), TestWav.Data(data)), "16-bit IEEE float");
        yield return Case("12-bit extensible container", TestWav.Riff(TestWav.FmtExtensible(TestWav.Pcm, 1, 16000, 12, 12), TestWav.Data(data)), "not a whole number of bytes");
        yield return Case("valid bits above container", TestWav.Riff(TestWav.FmtExtensible(TestWav.Pcm, 1, 16000, 16, 20), TestWav.Data(data)), "20 valid bits");
        yield return Case("wrong block align", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 2, 16000, 16, blockAlign: 6), TestWav.Data(data)), "block align 6");
        yield return Case("fmt chunk 14 bytes", TestWav.Riff(new TestChunk("fmt ", new byte[14]), TestWav.Data(data)), "fmt chunk is too short (14 bytes");
        yield return Case("fmt after data", TestWav.Riff(TestWav.Data(data), TestWav.Fmt(TestWav.Pcm, 1, 16000, 16)), "data chunk comes before the fmt chunk");
        yield return Case("no data", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 1, 16000, 16), TestWav.ListInfo("x")), "no data chunk");
        yield return Case("no fmt", TestWav.Riff(TestWav.ListInfo("x")), "no fmt chunk");
        yield return Case("huge chunk before data", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 1, 16000, 16), new TestChunk("LIST", new byte[10], 0xFFFF_FFF0), TestWav.Data(data)), "file ends inside the 'LIST' chunk");
        yield return Case("huge fmt", TestWav.Riff(new TestChunk("fmt ", TestWav.Fmt(TestWav.Pcm, 1, 16000, 16).Body, 0x7FFF_FFFF)), "fmt chunk is truncated (it declares 2147483647 bytes");
        yield return Case("huge fmt before data", TestWav.Riff(new TestChunk("fmt ", TestWav.Fmt(TestWav.Pcm, 1, 16000, 16).Body, 0x7FFF_FFFF), TestWav.Data(data)), "no data chunk (the file ends inside the 'fmt' chunk");
        yield return Case("data header only", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 1, 16000, 16), TestWav.Data([], declaredSize: 1000)), "data chunk is truncated");
        yield return Case("unknown size, no frame", TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 2, 16000, 16), TestWav.Data([1, 2, 3], declaredSize: 0xFFFF_FFFF, pad: false)), "no complete sample frame");
        yield return Case("garbage chunk id", [.. good[..36], 0x00, 0xFF, 0x10, 0x80, .. good[40..]], "corrupt chunk header at offset 36");
        yield return Case("half a chunk header", good[..40], "no data chunk (the file ends inside a chunk header at offset 36)");
        yield return Case("too many chunks", TestWav.Riff([TestWav.Fmt(TestWav.Pcm, 1, 16000, 16), .. Enumerable.Repeat(TestWav.Chunk("JUNK", 0), 5000), TestWav.Data(data)]), "more than 4096 chunks");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void Is_rejected_with_a_one_line_message_naming_the_problem(byte[] file, string expected)
    {
        foreach (bool seekable in new[] { true, false })
        {
            var exception = Assert.Throws<InvalidAudioFileException>(() => WavDecoderTests.Decode(file, seekable));
            Assert.That(exception!.Message, Does.Contain(expected).And.StartsWith("Invalid WAV file: ").And.Not.Contain('\n'));
        }
    }

    [Test]
    public void File_helpers_put_the_path_in_the_message()
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"bad-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, "not audio at all"u8.ToArray());
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(() => WavFile.ReadMono16k(path), Throws.TypeOf<InvalidAudioFileException>().With.Message.StartsWith(path + ": Invalid WAV file: not a RIFF file"));
                Assert.That(() => WavReader.Open(path), Throws.TypeOf<InvalidAudioFileException>().With.Message.StartsWith(path));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_missing_file_is_an_IO_error_not_an_invalid_file()
    {
        Assert.That(() => WavFile.ReadMono(Path.Combine(TestContext.CurrentContext.WorkDirectory, "does-not-exist.wav")), Throws.InstanceOf<IOException>());
    }
}
