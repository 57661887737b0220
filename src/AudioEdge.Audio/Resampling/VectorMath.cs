using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioEdge.Audio.Resampling;

/// <summary>The resampler's inner loop, with a scalar reference that tests compare the vector path against.</summary>
internal static class VectorMath
{
    /// <summary>Σ a[i]·b[i] over the common length. Deterministic for given inputs, whatever their alignment.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        Vector128.IsHardwareAccelerated ? DotVector128(a, b) : DotScalar(a, b);

    /// <summary>
    /// Vector128 is the width ARM64 (AdvSimd) accelerates; Vector256 would fall back to software there. Two
    /// accumulators hide the add latency. The tail is summed in scalar after the vector lanes.
    /// </summary>
    internal static float DotVector128(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int length = Math.Min(a.Length, b.Length);
        ref float left = ref MemoryMarshal.GetReference(a);
        ref float right = ref MemoryMarshal.GetReference(b);

        var sum0 = Vector128<float>.Zero;
        var sum1 = Vector128<float>.Zero;
        int i = 0;
        for (; i <= length - 8; i += 8)
        {
            sum0 += Vector128.LoadUnsafe(ref left, (nuint)i) * Vector128.LoadUnsafe(ref right, (nuint)i);
            sum1 += Vector128.LoadUnsafe(ref left, (nuint)(i + 4)) * Vector128.LoadUnsafe(ref right, (nuint)(i + 4));
        }

        if (i <= length - 4)
        {
            sum0 += Vector128.LoadUnsafe(ref left, (nuint)i) * Vector128.LoadUnsafe(ref right, (nuint)i);
            i += 4;
        }

        float sum = Vector128.Sum(sum0 + sum1);
        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref left, i) * Unsafe.Add(ref right, i);
        }

        return sum;
    }

    internal static float DotScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int length = Math.Min(a.Length, b.Length);
        float sum = 0;
        for (int i = 0; i < length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
