using AudioEdge.Audio.Resampling;
using AudioEdge.Audio.Tests.Support;

namespace AudioEdge.Audio.Tests.Resampling;

/// <summary>The Vector128 inner loop must agree with the scalar reference for every length and alignment (tail handling).</summary>
[TestFixture]
public sealed class VectorMathTests
{
    [Test]
    public void Vector128_and_scalar_dot_products_agree_for_every_length_and_offset()
    {
        float[] a = Signals.Noise(300, seed: 1, amplitude: 1);
        float[] b = Signals.Noise(300, seed: 2, amplitude: 1);
        for (int offset = 0; offset < 5; offset++)
        {
            for (int length = 0; length <= 290; length++)
            {
                ReadOnlySpan<float> x = a.AsSpan(offset, length);
                ReadOnlySpan<float> y = b.AsSpan(5 - offset, length);
                double exact = 0;
                for (int i = 0; i < length; i++)
                {
                    exact += (double)x[i] * y[i];
                }

                float scalar = VectorMath.DotScalar(x, y);
                float vector = VectorMath.DotVector128(x, y);
                double tolerance = 1e-6 * Math.Max(1, length);
                Assert.That(scalar, Is.EqualTo(exact).Within(tolerance), $"scalar, length {length}");
                Assert.That(vector, Is.EqualTo(exact).Within(tolerance), $"vector, length {length}");
            }
        }
    }

    [Test]
    public void The_dispatching_dot_product_is_one_of_the_two_paths()
    {
        float[] a = Signals.Noise(77, seed: 3);
        float[] b = Signals.Noise(77, seed: 4);
        float expected = System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated
            ? VectorMath.DotVector128(a, b)
            : VectorMath.DotScalar(a, b);
        Assert.That(VectorMath.Dot(a, b), Is.EqualTo(expected));
    }
}
