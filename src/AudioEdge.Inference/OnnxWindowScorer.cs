using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AudioEdge.Inference;

/// <summary>
/// Scores log-mel windows with one ONNX Runtime <see cref="InferenceSession"/>, without allocating: the input and
/// output tensors are <see cref="OrtValue"/>s created once over pinned managed arrays and bound to the session
/// once (<see cref="OrtIoBinding"/>), and every <see cref="Score"/> copies the window into the pinned input, runs,
/// and copies the probabilities out.
/// </summary>
/// <remarks>
/// <para>
/// Why an IO binding rather than <c>InferenceSession.Run(RunOptions, names, values, names, values)</c> with
/// pre-created outputs: that overload (ORT 1.31) builds four handle arrays per call through LINQ
/// (<c>Select(...).ToArray()</c>, <c>ElementAt</c>), a few hundred bytes of garbage at every hop. A binding is
/// the same pre-created, pinned tensors bound once; <c>RunWithBinding</c> is a single native call that allocates
/// nothing managed. The test <c>Scoring_allocates_nothing_in_steady_state</c> holds this, and
/// <c>The_plain_Run_overload_allocates</c> records what the other path costs.
/// </para>
/// <para>
/// Session: sequential execution, <see cref="OnnxScorerOptions.IntraOpNumThreads"/> threads (default 1), one
/// inter-op thread, all graph optimisations (QDQ pairs fuse into integer kernels such as QLinearConv there).
/// One window at a time: an instance is not thread-safe. Holds native resources: dispose it.
/// </para>
/// </remarks>
public sealed class OnnxWindowScorer : IWindowScorer
{
    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _inputValue;
    private readonly OrtValue _outputValue;
    private readonly float[] _input;
    private readonly float[] _output;
    private bool _disposed;

    /// <summary>Opens <paramref name="modelPath"/> and checks its graph's input and output against the arguments.</summary>
    /// <param name="modelPath">The .onnx file (verify it first: <see cref="ModelPackage.Load"/>).</param>
    /// <param name="labels">Output meaning, in order; the output tensor must be <c>[1, labels.Count]</c>.</param>
    /// <param name="inputName">Input tensor name; it must be float32 <c>[1, 1, frames, bands]</c>.</param>
    /// <param name="frames">Frames per window.</param>
    /// <param name="bands">Values per frame.</param>
    /// <param name="outputName">Output tensor name.</param>
    /// <param name="options">Session settings; <see cref="OnnxScorerOptions.Default"/> when null.</param>
    /// <exception cref="ModelLoadException">ORT cannot load the file, or its graph does not match.</exception>
    /// <exception cref="ArgumentException">Invalid options or arguments.</exception>
    public OnnxWindowScorer(
        string modelPath, IReadOnlyList<string> labels, string inputName, int frames, int bands, string outputName, OnnxScorerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentException.ThrowIfNullOrEmpty(inputName);
        ArgumentException.ThrowIfNullOrEmpty(outputName);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfZero(labels.Count);
        options ??= OnnxScorerOptions.Default;
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid OnnxScorerOptions: " + string.Join(" ", errors), nameof(options));
        }

        Labels = [.. labels];
        WindowFrames = frames;
        Bands = bands;
        InputName = inputName;
        OutputName = outputName;

        // Everything below owns native memory: on any failure, release what was already created.
        var created = new List<IDisposable>();
        try
        {
            _sessionOptions = Track(created, CreateSessionOptions(options));
            try
            {
                _session = Track(created, new InferenceSession(modelPath, _sessionOptions));
            }
            catch (OnnxRuntimeException ex)
            {
                throw new ModelLoadException($"{modelPath}: ONNX Runtime cannot load the model: {FirstLine(ex.Message)}", ex);
            }

            CheckTensor(modelPath, _session.InputMetadata, "input", inputName, [1, 1, frames, bands]);
            CheckTensor(modelPath, _session.OutputMetadata, "output", outputName, [1, labels.Count]);

            _input = new float[frames * bands];
            _output = new float[labels.Count];
            _inputValue = Track(created, OrtValue.CreateTensorValueFromMemory(_input, [1, 1, frames, bands]));
            _outputValue = Track(created, OrtValue.CreateTensorValueFromMemory(_output, [1, labels.Count]));
            _runOptions = Track(created, new RunOptions());
            _binding = Track(created, _session.CreateIoBinding());
            _binding.BindInput(inputName, _inputValue);
            _binding.BindOutput(outputName, _outputValue);
        }
        catch
        {
            for (int i = created.Count - 1; i >= 0; i--)
            {
                created[i].Dispose();
            }

            throw;
        }
    }

    public IReadOnlyList<string> Labels { get; }

    public int WindowFrames { get; }

    public int Bands { get; }

    /// <summary>The graph's input tensor name.</summary>
    public string InputName { get; }

    /// <summary>The graph's output tensor name.</summary>
    public string OutputName { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The spans have the wrong lengths.</exception>
    public void Score(ReadOnlySpan<float> window, Span<float> scores)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (window.Length != _input.Length || scores.Length < _output.Length)
        {
            throw new ArgumentException($"A window is {_input.Length} values and needs room for {_output.Length} scores.");
        }

        window.CopyTo(_input);
        _session.RunWithBinding(_runOptions, _binding);
        _output.CopyTo(scores);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _binding.Dispose();
        _outputValue.Dispose();
        _inputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _sessionOptions.Dispose();
    }

    /// <summary>The session settings every scorer uses (for tools that open the same model another way); the caller disposes them.</summary>
    public static SessionOptions CreateSessionOptions(OnnxScorerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OnnxRuntimeEnvironment.EnsureInitialized();
        var sessionOptions = new SessionOptions
        {
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpNumThreads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // ORT writes its log straight to the process's stderr, past the CLI's one-line errors and the daemon's
            // logger; its warnings are advisory (e.g. "optimized model may be hardware specific"), its errors are
            // also raised as exceptions, which is where we report them.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (options.OptimizedModelFilePath is not null)
        {
            sessionOptions.OptimizedModelFilePath = Path.GetFullPath(options.OptimizedModelFilePath);
        }

        return sessionOptions;
    }

    private static void CheckTensor(string modelPath, IReadOnlyDictionary<string, NodeMetadata> metadata, string role, string name, long[] expected)
    {
        if (!metadata.TryGetValue(name, out NodeMetadata? node))
        {
            throw new ModelLoadException($"{modelPath}: the graph has no {role} named '{name}' (it has: {string.Join(", ", metadata.Keys)})");
        }

        if (!node.IsTensor || node.ElementDataType != TensorElementType.Float)
        {
            throw new ModelLoadException($"{modelPath}: {role} '{name}' must be a float32 tensor (it is {node.OnnxValueType}/{node.ElementDataType})");
        }

        int[] actual = node.Dimensions;
        // A symbolic dimension (e.g. a batch axis exported as dynamic) reads as -1 and accepts our fixed size.
        bool matches = actual.Length == expected.Length && actual.Zip(expected).All(d => d.First < 0 || d.First == d.Second);
        if (!matches)
        {
            throw new ModelLoadException(
                $"{modelPath}: {role} '{name}' has shape [{string.Join(", ", actual)}], the manifest implies [{string.Join(", ", expected)}]");
        }
    }

    private static T Track<T>(List<IDisposable> created, T value)
        where T : IDisposable
    {
        created.Add(value);
        return value;
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
