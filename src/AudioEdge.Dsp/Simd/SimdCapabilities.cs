using System.Runtime.Intrinsics;

namespace AudioEdge.Dsp.Simd;

/// <summary>Picks the widest vector level the running CPU accelerates (honours DOTNET_EnableHWIntrinsic=0 and friends).</summary>
public static class SimdCapabilities
{
    /// <summary>The level the product uses when none is forced.</summary>
    public static SimdLevel Best { get; } =
        Vector256.IsHardwareAccelerated ? SimdLevel.Vector256
        : Vector128.IsHardwareAccelerated ? SimdLevel.Vector128
        : SimdLevel.Scalar;

    /// <summary>A one-line description for logs and benchmark reports, e.g. <c>Vector256 (x64 AVX2)</c>.</summary>
    public static string Describe()
    {
        string isa = System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "ARM64 AdvSimd"
            : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "x64 AVX2"
            : System.Runtime.Intrinsics.X86.Sse2.IsSupported ? "x64 SSE2"
            : "no vector ISA";
        return $"{Best} ({isa})";
    }
}
