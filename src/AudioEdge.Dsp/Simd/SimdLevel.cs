namespace AudioEdge.Dsp.Simd;

/// <summary>Which implementation of a vectorized kernel runs. Every level computes the same result to the stated tolerance.</summary>
public enum SimdLevel
{
    /// <summary>Plain scalar code: the reference every vector path is tested against.</summary>
    Scalar = 0,

    /// <summary>128-bit vectors: SSE on x64, AdvSimd (NEON) on ARM64 — the width a Raspberry Pi runs.</summary>
    Vector128 = 1,

    /// <summary>256-bit vectors: AVX2 on x64. Not accelerated on ARM64, so never chosen there by default.</summary>
    Vector256 = 2,
}
