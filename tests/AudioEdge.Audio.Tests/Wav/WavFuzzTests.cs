using System.Buffers.Binary;
using System.Diagnostics;
using AudioEdge.Audio.Tests.Support;
using AudioEdge.Audio.Wav;

namespace AudioEdge.Audio.Tests.Wav;

/// <summary>
/// Seeded mutation fuzzing: thousands of damaged variants of valid files must each either decode to sane samples
/// or fail with <see cref="InvalidAudioFileException"/> — no other exception, no hang, no outsized allocation.
/// </summary>
/// <remarks>
/// A plain seeded <see cref="Random"/> loop rather than a property-testing library: the case index and seed in a
/// failure message reproduce the exact input, and no extra package is needed.
/// </remarks>
[TestFixture]
public sealed class WavFuzzTests
{
    private const int Cases = 20_000;
    private const int Seed = 20_240_611;

    [Test]
    [CancelAfter(60_000)]
    public void Mutated_files_decode_or_fail_with_the_typed_exception()
    {
        byte[][] seeds = SeedFiles();
        var random = new Random(Seed);
        var stopwatch = Stopwatch.StartNew();
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < Cases; i++)
        {
            byte[] original = seeds[random.Next(seeds.Length)];
            byte[] mutated = Mutate(original, random);
            bool seekable = random.Next(2) == 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                WavDecodeResult result = WavDecoderTests.Decode(mutated, seekable);
                decoded++;
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                CheckSane(result, mutated, allocated, i);
            }
            catch (InvalidAudioFileException)
            {
                rejected++;
            }
            catch (Exception e) when (e is not AssertionException)
            {
                Assert.Fail($"case {i} (seed {Seed}, {(seekable ? "seekable" : "stream")}, {mutated.Length} bytes) threw {e.GetType().Name}: {e.Message}");
            }
        }

        TestContext.Out.WriteLine($"{Cases} cases in {stopwatch.ElapsedMilliseconds} ms: {decoded} decoded, {rejected} rejected");
        Assert.Multiple(() =>
        {
            // Both outcomes must occur, or the mutations are too timid or too destructive to test anything.
            Assert.That(decoded, Is.GreaterThan(Cases / 10));
            Assert.That(rejected, Is.GreaterThan(Cases / 10));
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
        });
    }

    private static void CheckSane(WavDecodeResult result, byte[] file, long allocated, int index)
    {
        // Never more frames than bytes, never a non-finite or out-of-range sample, and memory in proportion to
        // the input: the reader's 64 KiB buffer plus a few copies of the samples.
        Assert.That(result.Samples, Has.Length.LessThanOrEqualTo(file.Length), $"case {index}");
        Assert.That(allocated, Is.LessThan(200_000 + (16L * file.Length)), $"case {index}");
        foreach (float sample in result.Samples)
        {
            if (!float.IsFinite(sample) || sample < -1 || sample > 1)
            {
                Assert.Fail($"case {index}: sample {sample}");
            }
        }
    }

    private static byte[][] SeedFiles()
    {
        const int frames = 120;
        return
        [
            TestWav.Riff(TestWav.ListInfo("seed"), TestWav.Fmt(TestWav.Pcm, 1, 44100, 16), TestWav.Data(TestWav.Encode(TestWav.Signals(1, frames, 44100), false, 16))),
            TestWav.Riff(TestWav.FmtExtensible(TestWav.Pcm, 2, 48000, 24, 20, 3), TestWav.Chunk("JUNK", 7), TestWav.Data(TestWav.Encode(TestWav.Signals(2, frames, 48000), false, 24, 20))),
            TestWav.Riff(TestWav.Fmt(TestWav.IeeeFloat, 1, 8000, 32, withCbSize: true), TestWav.Chunk("fact", 4), TestWav.Data(TestWav.Encode(TestWav.Signals(1, frames, 8000), true, 32))),
            TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 2, 11025, 8), TestWav.Data(TestWav.Encode(TestWav.Signals(2, frames + 1, 11025), false, 8)), TestWav.ListInfo("x")),
            TestWav.Riff(TestWav.FmtExtensible(TestWav.IeeeFloat, 3, 22050, 64, 64), TestWav.Data(TestWav.Encode(TestWav.Signals(3, frames, 22050), true, 64))),
            TestWav.Riff(TestWav.Fmt(TestWav.Pcm, 4, 96000, 32), TestWav.Data(TestWav.Encode(TestWav.Signals(4, frames, 96000), false, 32))),
        ];
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations; m++)
        {
            switch (random.Next(8))
            {
                case 0:
                    // Random bytes overwritten, biased towards the header where they matter most.
                    for (int k = random.Next(1, 9); k > 0 && bytes.Count > 0; k--)
                    {
                        bytes[HeaderBiased(random, bytes.Count)] = (byte)random.Next(256);
                    }

                    break;
                case 1:
                    if (bytes.Count > 0)
                    {
                        int at = HeaderBiased(random, bytes.Count);
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 2:
                    {
                        int cut = random.Next(bytes.Count + 1);
                        bytes.RemoveRange(cut, bytes.Count - cut);
                        break;
                    }

                case 3:
                    {
                        int at = random.Next(bytes.Count + 1);
                        var inserted = new byte[random.Next(1, 40)];
                        random.NextBytes(inserted);
                        bytes.InsertRange(at, inserted);
                        break;
                    }

                case 4:
                    if (bytes.Count > 1)
                    {
                        int at = random.Next(bytes.Count);
                        bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    }

                    break;
                default:
                    CorruptSizeField(bytes, random);
                    break;
            }
        }

        return [.. bytes];
    }

    private static void CorruptSizeField(List<byte> bytes, Random random)
    {
        // Find the chunk size fields by walking the (possibly already damaged) chunk list, then pick one.
        var sizeOffsets = new List<int> { 4 };
        int offset = 12;
        while (offset + 8 <= bytes.Count && sizeOffsets.Count < 20)
        {
            sizeOffsets.Add(offset + 4);
            uint size = (uint)(bytes[offset + 4] | (bytes[offset + 5] << 8) | (bytes[offset + 6] << 16) | (bytes[offset + 7] << 24));
            long next = offset + 8L + size + (size & 1);
            if (next > bytes.Count)
            {
                break;
            }

            offset = (int)next;
        }

        int field = sizeOffsets[random.Next(sizeOffsets.Count)];
        if (field + 4 > bytes.Count)
        {
            return;
        }

        uint current = (uint)(bytes[field] | (bytes[field + 1] << 8) | (bytes[field + 2] << 16) | (bytes[field + 3] << 24));
        uint value = random.Next(7) switch
        {
            0 => 0,
            1 => 0xFFFF_FFFF,
            2 => 0x8000_0000,
            3 => 0x7FFF_FFFF,
            4 => current + (uint)random.Next(1, 9),
            5 => current - (uint)random.Next(1, 9),
            _ => (uint)random.NextInt64(0, 1L << 32),
        };
        Span<byte> encoded = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(encoded, value);
        for (int i = 0; i < 4; i++)
        {
            bytes[field + i] = encoded[i];
        }
    }

    private static int HeaderBiased(Random random, int length) =>
        random.Next(4) == 0 ? random.Next(length) : random.Next(Math.Min(length, 90));
}
