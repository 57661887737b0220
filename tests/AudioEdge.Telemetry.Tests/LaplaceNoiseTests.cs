namespace AudioEdge.Telemetry.Tests;

[TestFixture]
public sealed class LaplaceNoiseTests
{
    [TestCase(0.5)]
    [TestCase(2.0)]
    public void Draws_have_the_moments_and_tails_of_the_Laplace_distribution(double scale)
    {
        var random = new Random(20261125);
        const int draws = 200_000;
        double sum = 0, sumAbs = 0, sumSquares = 0;
        int beyondScale = 0, beyondThreeScales = 0;
        for (int i = 0; i < draws; i++)
        {
            double x = LaplaceNoise.Sample(random, scale);
            sum += x;
            sumAbs += Math.Abs(x);
            sumSquares += x * x;
            beyondScale += Math.Abs(x) > scale ? 1 : 0;
            beyondThreeScales += Math.Abs(x) > 3 * scale ? 1 : 0;
        }

        // Standard errors at 200k draws: mean ≈ 1.4b/447 ≈ 0.003b, mean |x| ≈ 0.002b; tolerances are ~5 of them.
        Assert.Multiple(() =>
        {
            Assert.That(sum / draws, Is.EqualTo(0).Within(0.016 * scale), "mean 0");
            Assert.That(sumAbs / draws, Is.EqualTo(scale).Within(1).Percent, "mean |x| = b");
            Assert.That(sumSquares / draws, Is.EqualTo(2 * scale * scale).Within(3).Percent, "variance 2b²");
            Assert.That((double)beyondScale / draws, Is.EqualTo(Math.Exp(-1)).Within(0.006), "P(|x| > b) = e^-1");
            Assert.That((double)beyondThreeScales / draws, Is.EqualTo(Math.Exp(-3)).Within(0.003), "P(|x| > 3b) = e^-3");
        });
    }

    [Test]
    public void The_same_seed_gives_the_same_noise_and_the_scale_multiplies_it()
    {
        double[] unit = Draw(new Random(7), 1.0, 10);
        double[] again = Draw(new Random(7), 1.0, 10);
        double[] scaled = Draw(new Random(7), 3.0, 10);
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(unit));
            Assert.That(scaled, Is.EqualTo(unit.Select(x => 3 * x)).Within(1e-12));
        });
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void A_bad_scale_is_refused(double scale) =>
        Assert.That(() => LaplaceNoise.Sample(new Random(1), scale), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void The_cryptographic_generator_is_uniform_on_the_unit_interval()
    {
        const int draws = 100_000;
        int[] deciles = new int[10];
        double sum = 0;
        for (int i = 0; i < draws; i++)
        {
            double u = CryptographicRandom.Instance.NextDouble();
            Assert.That(u, Is.GreaterThanOrEqualTo(0).And.LessThan(1));
            sum += u;
            deciles[(int)(u * 10)]++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(sum / draws, Is.EqualTo(0.5).Within(0.005));
            Assert.That(deciles, Is.All.InRange(9_500, 10_500));
            Assert.That(CryptographicRandom.Instance.Next(5, 6), Is.EqualTo(5));
            Assert.That(Enumerable.Range(0, 1000).Select(_ => CryptographicRandom.Instance.Next(3)).Distinct().Order(), Is.EqualTo(new[] { 0, 1, 2 }));
        });
    }

    private static double[] Draw(Random random, double scale, int count) =>
        Enumerable.Range(0, count).Select(_ => LaplaceNoise.Sample(random, scale)).ToArray();
}
