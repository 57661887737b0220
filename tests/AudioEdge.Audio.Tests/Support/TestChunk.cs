using System.Buffers.Binary;
using System.Text;

namespace AudioEdge.Audio.Tests.Support;

/// <summary>One RIFF chunk for <see cref="TestWav"/>: id, body, an optional wrong declared size, optional missing pad byte.</summary>
internal sealed record TestChunk(string Id, byte[] Body, uint? DeclaredSize = null, bool Pad = true)
{
    public void WriteTo(Stream stream)
    {
        stream.Write(Encoding.ASCII.GetBytes(Id));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, DeclaredSize ?? (uint)Body.Length);
        stream.Write(size);
        stream.Write(Body);
        if (Pad && Body.Length % 2 == 1)
        {
            stream.WriteByte(0);
        }
    }
}
