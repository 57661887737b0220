using System.Text;
using AudioEdge.Dsp.Serialization;

namespace AudioEdge.Dsp.Tests;

[TestFixture]
public sealed class NpyTests
{
    [Test]
    public void Writes_a_numpy_1_0_header_aligned_to_64_bytes()
    {
        using var stream = new MemoryStream();
        NpyWriter.Write(stream, new float[6], 3, 2);
        byte[] bytes = stream.ToArray();
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);

        Assert.That((10 + headerLength) % 64, Is.Zero);
        Assert.That(header, Does.StartWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }").And.EndWith("\n"));
        Assert.That(bytes, Has.Length.EqualTo(10 + headerLength + 24));
    }

    [Test]
    public void Round_trips_through_the_reader([Values(0, 1, 7)] int rows)
    {
        float[] data = Enumerable.Range(0, rows * 64).Select(i => i * 0.25f - 3).ToArray();
        using var stream = new MemoryStream();
        NpyWriter.Write(stream, data, rows, 64);
        stream.Position = 0;

        NpyArray read = NpyReader.Read(stream);

        Assert.That(read.Shape, Is.EqualTo(new[] { rows, 64 }));
        Assert.That(read.Descr, Is.EqualTo("<f4"));
        Assert.That(read.Data, Is.EqualTo(data.Select(v => (double)v)));
    }

    [Test]
    public void One_dimensional_shapes_keep_numpys_trailing_comma()
    {
        byte[] header = NpyWriter.Header("<f4", [5]);
        Assert.That(Encoding.ASCII.GetString(header), Does.Contain("'shape': (5,)"));
    }

    [Test]
    public void WriteFile_leaves_no_temporary_file_and_replaces_atomically()
    {
        string directory = Directory.CreateTempSubdirectory("npy").FullName;
        try
        {
            string path = Path.Combine(directory, "out.npy");
            NpyWriter.WriteFile(path, new float[] { 1, 2 }, 2);
            NpyWriter.WriteFile(path, new float[] { 3 }, 1);
            Assert.That(Directory.GetFiles(directory), Is.EqualTo(new[] { path }));
            Assert.That(NpyReader.ReadFile(path).Data, Is.EqualTo(new[] { 3.0 }));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void A_shape_that_does_not_fit_the_data_is_rejected()
    {
        Assert.That(() => NpyWriter.Write(Stream.Null, new float[5], 2, 2), Throws.ArgumentException);
    }
}
