using AudioEdge.DatasetBuilder.Data;
using AudioEdge.DatasetBuilder.Output;
using AudioEdge.Dsp.Serialization;

namespace AudioEdge.DatasetBuilder.Tests;

public class ShardWriterTests
{
    private static Example Example(int i, Split split = Split.Train) => new(
        [.. Enumerable.Repeat((float)i, 96 * 64)], i % 2 == 0, i % 3 == 0, new ExampleMeta("g" + i, "f.wav", i * 0.5, ExampleKind.Real, "cat \"q\"", "kitchen20"), split);

    [Test]
    public void Examples_are_written_in_shards_of_at_most_the_shard_size()
    {
        using var directory = new TempDirectory();
        var writer = new ShardWriter(directory.Path, Split.Train, 3);
        for (int i = 0; i < 7; i++)
        {
            writer.Add(Example(i));
        }

        writer.Complete();

        Assert.That(writer.Shards.Select(s => s.Count), Is.EqualTo(new[] { 3, 3, 1 }));
        Assert.That(writer.Shards[2].Features, Is.EqualTo("train-0002.features.npy"));
        NpyArray features = NpyReader.ReadFile(directory.Combine("train-0001.features.npy"));
        NpyArray labels = NpyReader.ReadFile(directory.Combine("train-0001.labels.npy"));
        Assert.That(features.Shape, Is.EqualTo(new[] { 3, 96, 64 }));
        Assert.That(features.Descr, Is.EqualTo("<f4"));
        Assert.That(features.Data[96 * 64], Is.EqualTo(4), "example 4 is the second of shard 1");
        Assert.That(labels.Shape, Is.EqualTo(new[] { 3, 2 }));
        Assert.That(labels.Data, Is.EqualTo(new double[] { 0, 1, 1, 0, 0, 0 }), "examples 3, 4, 5");
        string[] meta = File.ReadAllLines(directory.Combine("train-0001.meta.jsonl"));
        Assert.That(meta, Has.Length.EqualTo(3));
        Assert.That(meta[0], Is.EqualTo("{\"group\":\"g3\",\"file\":\"f.wav\",\"offset_s\":1.5,\"kind\":\"real\",\"category\":\"cat \\\"q\\\"\",\"source\":\"kitchen20\"}"));
    }

    [Test]
    public void An_example_of_the_other_split_is_refused()
    {
        using var directory = new TempDirectory();
        var writer = new ShardWriter(directory.Path, Split.Train, 3);
        Assert.That(() => writer.Add(Example(1, Split.Validation)), Throws.ArgumentException);
    }

    [Test]
    public void A_failed_write_leaves_neither_the_shard_nor_temporary_files()
    {
        using var directory = new TempDirectory();
        string first = directory.Combine("a.npy"), second = directory.Combine("b.npy");

        Assert.That(
            () => AtomicFiles.WriteAll([(first, stream => stream.WriteByte(1)), (second, _ => throw new IOException("disk full"))]),
            Throws.TypeOf<IOException>());
        Assert.That(Directory.GetFiles(directory.Path), Is.Empty, "the completed first file was not renamed into place and its temporary is gone");
    }

    [Test]
    public void A_rewrite_replaces_the_old_file_whole()
    {
        using var directory = new TempDirectory();
        string path = directory.Combine("x.bin");
        AtomicFiles.Write(path, stream => stream.Write(new byte[100]));
        AtomicFiles.Write(path, stream => stream.Write(new byte[3]));
        Assert.That(new FileInfo(path).Length, Is.EqualTo(3));
        Assert.That(Directory.GetFiles(directory.Path), Has.Length.EqualTo(1));
    }
}
