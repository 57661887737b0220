namespace AudioEdge.Dsp.Simd;

/// <summary>
/// The handful of float-vector operations the kernels need, as static abstract members so that one generic kernel
/// serves Vector128 and Vector256: the JIT specialises the kernel for each struct and inlines these calls, so there
/// is no cost over hand-written per-width code (the operator-struct pattern of System.Numerics.Tensors' TensorPrimitives).
/// </summary>
/// <typeparam name="TVector">The hardware vector type, e.g. <c>Vector128&lt;float&gt;</c>.</typeparam>
internal interface IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Broadcast(float value);

    static abstract TVector Load(ref float source, nuint elementOffset);

    static abstract void Store(TVector value, ref float destination, nuint elementOffset);

    static abstract TVector Add(TVector left, TVector right);

    static abstract TVector Subtract(TVector left, TVector right);

    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary>Reverses the order of the lanes (used where a kernel walks one array forwards and another backwards).</summary>
    static abstract TVector Reverse(TVector value);
}
