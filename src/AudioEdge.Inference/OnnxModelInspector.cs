using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace AudioEdge.Inference;

/// <summary>
/// Looks at what ONNX Runtime really runs. A QDQ int8 model only pays off when ORT fuses its
/// QuantizeLinear/DequantizeLinear pairs into integer kernels (QLinearConv, QGemm, …); when a pattern does not
/// match, ORT silently runs float kernels on dequantized weights instead. So: let ORT write its optimized graph,
/// then list that graph's operators.
/// </summary>
public static class OnnxModelInspector
{
    /// <summary>
    /// Creates a session for <paramref name="modelPath"/> with the scorer's settings and lets ORT save the graph
    /// it will execute to <paramref name="outputPath"/>; returns the nodes of that graph.
    /// </summary>
    /// <exception cref="ModelLoadException">ORT cannot load the model.</exception>
    public static IReadOnlyList<OnnxGraphNode> WriteOptimizedModel(string modelPath, string outputPath, OnnxScorerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        var settings = new OnnxScorerOptions
        {
            IntraOpNumThreads = (options ?? OnnxScorerOptions.Default).IntraOpNumThreads,
            OptimizedModelFilePath = outputPath,
        };

        using SessionOptions sessionOptions = OnnxWindowScorer.CreateSessionOptions(settings);
        try
        {
            // The file is written while the session is created; the session itself is not needed.
            using var session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"{modelPath}: ONNX Runtime cannot load the model: {ex.Message.Split('\n')[0]}", ex);
        }

        return ReadNodes(outputPath);
    }

    /// <summary>Every node of the model's main graph and of its subgraphs (If/Loop bodies), in file order.</summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed ONNX protobuf.</exception>
    public static IReadOnlyList<OnnxGraphNode> ReadNodes(string onnxPath)
    {
        byte[] model = File.ReadAllBytes(onnxPath);
        var nodes = new List<OnnxGraphNode>();
        var reader = new ProtoReader(model);
        while (reader.Next(out int field, out int wireType))
        {
            // ModelProto.graph = 7
            if (field == 7 && wireType == ProtoReader.LengthDelimited)
            {
                ReadGraph(reader.ReadBytes(), nodes);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return nodes;
    }

    private static void ReadGraph(ReadOnlySpan<byte> graph, List<OnnxGraphNode> nodes)
    {
        var reader = new ProtoReader(graph);
        while (reader.Next(out int field, out int wireType))
        {
            // GraphProto.node = 1
            if (field == 1 && wireType == ProtoReader.LengthDelimited)
            {
                ReadNode(reader.ReadBytes(), nodes);
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    private static void ReadNode(ReadOnlySpan<byte> node, List<OnnxGraphNode> nodes)
    {
        string opType = string.Empty, domain = string.Empty, name = string.Empty;
        var subgraphs = new List<byte[]>();
        var reader = new ProtoReader(node);
        while (reader.Next(out int field, out int wireType))
        {
            // NodeProto: name = 3, op_type = 4, attribute = 5, domain = 7
            switch (field)
            {
                case 3 when wireType == ProtoReader.LengthDelimited:
                    name = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                case 4 when wireType == ProtoReader.LengthDelimited:
                    opType = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                case 7 when wireType == ProtoReader.LengthDelimited:
                    domain = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                case 5 when wireType == ProtoReader.LengthDelimited:
                    CollectSubgraphs(reader.ReadBytes(), subgraphs);
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        nodes.Add(new OnnxGraphNode(opType, domain, name));
        foreach (byte[] subgraph in subgraphs)
        {
            ReadGraph(subgraph, nodes);
        }
    }

    private static void CollectSubgraphs(ReadOnlySpan<byte> attribute, List<byte[]> subgraphs)
    {
        var reader = new ProtoReader(attribute);
        while (reader.Next(out int field, out int wireType))
        {
            // AttributeProto: g = 6, graphs = 11
            if (field is 6 or 11 && wireType == ProtoReader.LengthDelimited)
            {
                subgraphs.Add(reader.ReadBytes().ToArray());
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    /// <summary>The protobuf wire format, just enough of it to walk ONNX's messages.</summary>
    private ref struct ProtoReader
    {
        public const int Varint = 0;
        public const int Fixed64 = 1;
        public const int LengthDelimited = 2;
        public const int Fixed32 = 5;

        private readonly ReadOnlySpan<byte> _data;
        private int _position;

        public ProtoReader(ReadOnlySpan<byte> data)
        {
            _data = data;
            _position = 0;
        }

        public bool Next(out int field, out int wireType)
        {
            if (_position >= _data.Length)
            {
                field = wireType = 0;
                return false;
            }

            ulong key = ReadVarint();
            field = (int)(key >> 3);
            wireType = (int)(key & 7);
            return true;
        }

        public ReadOnlySpan<byte> ReadBytes()
        {
            ulong length = ReadVarint();
            if (length > (ulong)(_data.Length - _position))
            {
                throw new InvalidDataException("Malformed ONNX file: a field runs past the end of its message.");
            }

            ReadOnlySpan<byte> bytes = _data.Slice(_position, (int)length);
            _position += (int)length;
            return bytes;
        }

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case Varint:
                    ReadVarint();
                    break;
                case Fixed64:
                    Advance(8);
                    break;
                case LengthDelimited:
                    ReadBytes();
                    break;
                case Fixed32:
                    Advance(4);
                    break;
                default:
                    throw new InvalidDataException($"Malformed ONNX file: unsupported protobuf wire type {wireType}.");
            }
        }

        private void Advance(int count)
        {
            if (count > _data.Length - _position)
            {
                throw new InvalidDataException("Malformed ONNX file: truncated field.");
            }

            _position += count;
        }

        private ulong ReadVarint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _data.Length)
                {
                    throw new InvalidDataException("Malformed ONNX file: truncated varint.");
                }

                byte b = _data[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new InvalidDataException("Malformed ONNX file: varint longer than 10 bytes.");
        }
    }
}
