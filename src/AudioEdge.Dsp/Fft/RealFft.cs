using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AudioEdge.Dsp.Simd;

namespace AudioEdge.Dsp.Fft;

/// <summary>
/// Forward FFT of a real signal whose length is a power of two, computed as a complex FFT of half the length
/// (even samples as the real part, odd samples as the imaginary part) followed by the standard split step.
/// </summary>
/// <remarks>
/// <para>
/// The complex FFT is iterative radix-2 decimation-in-time on split real/imaginary arrays: the input is scattered
/// into bit-reversed order while it is loaded, the first two stages (trivial twiddles ±1, ±i) are fused into one
/// radix-4 pass, and every later stage runs over contiguous butterflies with per-stage contiguous twiddle tables,
/// which is what lets <see cref="SimdLevel.Vector128"/> and <see cref="SimdLevel.Vector256"/> use plain aligned-stride
/// loads with no shuffles. All tables and work buffers are built in the constructor; <see cref="PowerSpectrum"/> and
/// <see cref="Forward"/> allocate nothing.
/// </para>
/// <para>An instance owns mutable work buffers: use one instance per thread.</para>
/// </remarks>
public sealed class RealFft
{
    private readonly int _size;
    private readonly int _half;            // M = N / 2: length of the complex FFT
    private readonly int[] _bitReverse;    // position of z[n] in the DIT input order
    private readonly float[] _stageCos;    // stage with span s (s >= 4) has its s twiddles at offset s - 4
    private readonly float[] _stageSin;    // holds -sin, so that a twiddle is (cos, sin) = exp(-i*pi*j/s)
    private readonly float[] _splitCos;    // split-step twiddles exp(-2*pi*i*k/N), k = 0..M
    private readonly float[] _splitSin;
    private readonly float[] _re;          // work buffers of length M + 1: index M mirrors index 0 so that the
    private readonly float[] _im;          // split step can read Z[M - k] for every k = 0..M without a branch

    /// <summary>Builds the tables for a real FFT of <paramref name="size"/> points.</summary>
    /// <param name="size">A power of two from 16 to 65536.</param>
    /// <param name="level">The kernel to run; <see cref="SimdCapabilities.Best"/> by default.</param>
    public RealFft(int size, SimdLevel? level = null)
    {
        if (size < 16 || size > 65536 || !BitOperations.IsPow2(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The FFT size must be a power of two from 16 to 65536.");
        }

        _size = size;
        _half = size / 2;
        Level = level ?? SimdCapabilities.Best;

        int bits = BitOperations.Log2((uint)_half);
        _bitReverse = new int[_half];
        for (int n = 0; n < _half; n++)
        {
            _bitReverse[n] = (int)(ReverseBits((uint)n) >> (32 - bits));
        }

        _stageCos = new float[Math.Max(_half - 4, 1)];
        _stageSin = new float[_stageCos.Length];
        for (int span = 4; span < _half; span *= 2)
        {
            for (int j = 0; j < span; j++)
            {
                double angle = Math.PI * j / span;
                _stageCos[span - 4 + j] = (float)Math.Cos(angle);
                _stageSin[span - 4 + j] = (float)-Math.Sin(angle);
            }
        }

        _splitCos = new float[_half + 1];
        _splitSin = new float[_half + 1];
        for (int k = 0; k <= _half; k++)
        {
            double angle = 2 * Math.PI * k / size;
            _splitCos[k] = (float)Math.Cos(angle);
            _splitSin[k] = (float)-Math.Sin(angle);
        }

        _re = new float[_half + 1];
        _im = new float[_half + 1];
    }

    /// <summary>Points of the transform (N).</summary>
    public int Size => _size;

    /// <summary>Non-redundant output bins: N / 2 + 1.</summary>
    public int BinCount => _half + 1;

    /// <summary>The kernel this instance runs.</summary>
    public SimdLevel Level { get; }

    /// <summary>
    /// Writes |X[k]|² for k = 0..N/2 of the real signal <paramref name="input"/>, zero-padded to N
    /// (no normalisation: a full-scale sine of amplitude A over N samples peaks at (A·N/2)²).
    /// </summary>
    public void PowerSpectrum(ReadOnlySpan<float> input, Span<float> power)
    {
        ValidateBuffers(input, power.Length, nameof(power));
        Transform(input);
        switch (Level)
        {
            case SimdLevel.Vector256:
                SplitPower<Vector256Ops, Vector256<float>>(power);
                break;
            case SimdLevel.Vector128:
                SplitPower<Vector128Ops, Vector128<float>>(power);
                break;
            default:
                SplitPowerScalar(power, 0);
                break;
        }
    }

    /// <summary>Writes the complex spectrum X[k], k = 0..N/2, of the real signal <paramref name="input"/> (zero-padded to N).</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary)
    {
        ValidateBuffers(input, real.Length, nameof(real));
        ValidateBuffers(input, imaginary.Length, nameof(imaginary));
        Transform(input);

        int m = _half;
        for (int k = 0; k <= m; k++)
        {
            float ar = _re[k], ai = _im[k], zr = _re[m - k], zi = _im[m - k];
            float sr = ar + zr, si = ai - zi, dr = ar - zr, di = ai + zi;
            float c = _splitCos[k], s = _splitSin[k];
            real[k] = 0.5f * (sr + (c * di) + (s * dr));
            imaginary[k] = 0.5f * (si + (s * di) - (c * dr));
        }
    }

    private void ValidateBuffers(ReadOnlySpan<float> input, int outputLength, string outputName)
    {
        if (input.Length > _size)
        {
            throw new ArgumentException($"The input has {input.Length} samples; the FFT takes at most {_size}.", nameof(input));
        }

        if (outputLength < _half + 1)
        {
            throw new ArgumentException($"The output needs {_half + 1} bins, it has {outputLength}.", outputName);
        }
    }

    /// <summary>Complex FFT of z[n] = x[2n] + i·x[2n+1] into <see cref="_re"/>/<see cref="_im"/>, natural order, Z[M] = Z[0].</summary>
    private void Transform(ReadOnlySpan<float> input)
    {
        LoadBitReversed(input);
        RadixFourFirstPass();
        for (int span = 4; span < _half; span *= 2)
        {
            switch (Level)
            {
                case SimdLevel.Vector256 when span >= Vector256<float>.Count:
                    ButterflyStage<Vector256Ops, Vector256<float>>(span);
                    break;
                case SimdLevel.Vector256:
                case SimdLevel.Vector128 when span >= Vector128<float>.Count:
                    ButterflyStage<Vector128Ops, Vector128<float>>(span);
                    break;
                default:
                    ButterflyStageScalar(span);
                    break;
            }
        }

        _re[_half] = _re[0];
        _im[_half] = _im[0];
    }

    private void LoadBitReversed(ReadOnlySpan<float> input)
    {
        int pairs = input.Length / 2;
        for (int n = 0; n < pairs; n++)
        {
            int target = _bitReverse[n];
            _re[target] = input[2 * n];
            _im[target] = input[(2 * n) + 1];
        }

        int next = pairs;
        if ((input.Length & 1) != 0)
        {
            int target = _bitReverse[pairs];
            _re[target] = input[input.Length - 1];
            _im[target] = 0f;
            next++;
        }

        for (int n = next; n < _half; n++)
        {
            int target = _bitReverse[n];
            _re[target] = 0f;
            _im[target] = 0f;
        }
    }

    /// <summary>Stages with spans 1 and 2 fused: their twiddles are 1 and -i, so no multiplications are needed.</summary>
    private void RadixFourFirstPass()
    {
        float[] re = _re, im = _im;
        for (int g = 0; g < _half; g += 4)
        {
            float r0 = re[g], r1 = re[g + 1], r2 = re[g + 2], r3 = re[g + 3];
            float i0 = im[g], i1 = im[g + 1], i2 = im[g + 2], i3 = im[g + 3];

            // Span 1: (0,1) and (2,3).
            float ar0 = r0 + r1, ai0 = i0 + i1, ar1 = r0 - r1, ai1 = i0 - i1;
            float ar2 = r2 + r3, ai2 = i2 + i3, ar3 = r2 - r3, ai3 = i2 - i3;

            // Span 2: twiddle 1 for (0,2), -i for (1,3); (-i)·(x + iy) = y - ix.
            re[g] = ar0 + ar2;
            im[g] = ai0 + ai2;
            re[g + 2] = ar0 - ar2;
            im[g + 2] = ai0 - ai2;
            re[g + 1] = ar1 + ai3;
            im[g + 1] = ai1 - ar3;
            re[g + 3] = ar1 - ai3;
            im[g + 3] = ai1 + ar3;
        }
    }

    private void ButterflyStageScalar(int span)
    {
        float[] re = _re, im = _im;
        int twiddleOffset = span - 4;
        for (int group = 0; group < _half; group += 2 * span)
        {
            for (int j = 0; j < span; j++)
            {
                int top = group + j, bottom = top + span;
                float wr = _stageCos[twiddleOffset + j], wi = _stageSin[twiddleOffset + j];
                float tr = (wr * re[bottom]) - (wi * im[bottom]);
                float ti = (wr * im[bottom]) + (wi * re[bottom]);
                re[bottom] = re[top] - tr;
                im[bottom] = im[top] - ti;
                re[top] += tr;
                im[top] += ti;
            }
        }
    }

    private void ButterflyStage<TOps, TVector>(int span)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        ref float re = ref MemoryMarshal.GetArrayDataReference(_re);
        ref float im = ref MemoryMarshal.GetArrayDataReference(_im);
        ref float cos = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stageCos), span - 4);
        ref float sin = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stageSin), span - 4);
        nuint width = (nuint)TOps.Count;
        nuint uspan = (nuint)span;

        for (nuint group = 0; group < (nuint)_half; group += 2 * uspan)
        {
            for (nuint j = 0; j < uspan; j += width)
            {
                nuint top = group + j, bottom = top + uspan;
                TVector wr = TOps.Load(ref cos, j), wi = TOps.Load(ref sin, j);
                TVector br = TOps.Load(ref re, bottom), bi = TOps.Load(ref im, bottom);
                TVector tr = TOps.Subtract(TOps.Multiply(wr, br), TOps.Multiply(wi, bi));
                TVector ti = TOps.Add(TOps.Multiply(wr, bi), TOps.Multiply(wi, br));
                TVector ar = TOps.Load(ref re, top), ai = TOps.Load(ref im, top);
                TOps.Store(TOps.Subtract(ar, tr), ref re, bottom);
                TOps.Store(TOps.Subtract(ai, ti), ref im, bottom);
                TOps.Store(TOps.Add(ar, tr), ref re, top);
                TOps.Store(TOps.Add(ai, ti), ref im, top);
            }
        }
    }

    /// <summary>
    /// Split step X[k] = ½(Z[k] + Z*[M-k]) - ½i·W^k·(Z[k] - Z*[M-k]) with W = exp(-2πi/N), squared magnitude only.
    /// With A = Z[k], Z[M-k] = (zr, zi): 2X = (sr + c·di + s·dr, si + s·di - c·dr) where sr = ar + zr, si = ai - zi,
    /// dr = ar - zr, di = ai + zi and (c, s) = (cos, -sin)(2πk/N).
    /// </summary>
    private void SplitPowerScalar(Span<float> power, int start)
    {
        int m = _half;
        for (int k = start; k <= m; k++)
        {
            float ar = _re[k], ai = _im[k], zr = _re[m - k], zi = _im[m - k];
            float sr = ar + zr, si = ai - zi, dr = ar - zr, di = ai + zi;
            float c = _splitCos[k], s = _splitSin[k];
            float xr = sr + (c * di) + (s * dr);
            float xi = si + (s * di) - (c * dr);
            power[k] = 0.25f * ((xr * xr) + (xi * xi));
        }
    }

    private void SplitPower<TOps, TVector>(Span<float> power)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        ref float re = ref MemoryMarshal.GetArrayDataReference(_re);
        ref float im = ref MemoryMarshal.GetArrayDataReference(_im);
        ref float cos = ref MemoryMarshal.GetArrayDataReference(_splitCos);
        ref float sin = ref MemoryMarshal.GetArrayDataReference(_splitSin);
        ref float output = ref MemoryMarshal.GetReference(power);
        int width = TOps.Count;
        TVector quarter = TOps.Broadcast(0.25f);

        int k = 0;
        for (; k + width <= _half; k += width)
        {
            // Lanes k..k+w-1 forwards, and Z[M-k-w+1..M-k] reversed so that lane j holds Z[M-k-j].
            nuint forward = (nuint)k, backward = (nuint)(_half - k - width + 1);
            TVector ar = TOps.Load(ref re, forward), ai = TOps.Load(ref im, forward);
            TVector zr = TOps.Reverse(TOps.Load(ref re, backward)), zi = TOps.Reverse(TOps.Load(ref im, backward));
            TVector sr = TOps.Add(ar, zr), si = TOps.Subtract(ai, zi);
            TVector dr = TOps.Subtract(ar, zr), di = TOps.Add(ai, zi);
            TVector c = TOps.Load(ref cos, forward), s = TOps.Load(ref sin, forward);
            TVector xr = TOps.Add(sr, TOps.Add(TOps.Multiply(c, di), TOps.Multiply(s, dr)));
            TVector xi = TOps.Subtract(TOps.Add(si, TOps.Multiply(s, di)), TOps.Multiply(c, dr));
            TOps.Store(TOps.Multiply(quarter, TOps.Add(TOps.Multiply(xr, xr), TOps.Multiply(xi, xi))), ref output, forward);
        }

        SplitPowerScalar(power, k);
    }

    private static uint ReverseBits(uint value)
    {
        value = ((value >> 1) & 0x55555555u) | ((value & 0x55555555u) << 1);
        value = ((value >> 2) & 0x33333333u) | ((value & 0x33333333u) << 2);
        value = ((value >> 4) & 0x0F0F0F0Fu) | ((value & 0x0F0F0F0Fu) << 4);
        value = ((value >> 8) & 0x00FF00FFu) | ((value & 0x00FF00FFu) << 8);
        return (value >> 16) | (value << 16);
    }
}
