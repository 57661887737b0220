using AudioEdge.DatasetBuilder.Data;

namespace AudioEdge.DatasetBuilder.Tests;

public class UnionFindTests
{
    [Test]
    public void The_root_is_the_smallest_key_whatever_the_order_of_unions()
    {
        string[] keys = ["d", "b", "e", "a", "c"];
        foreach (int seed in Enumerable.Range(0, 5))
        {
            var union = new UnionFind();
            var random = new Random(seed);
            string[] order = [.. keys.OrderBy(_ => random.Next())];
            foreach (string key in order)
            {
                union.Add(key);
            }

            union.Union(order[0], order[1]);
            union.Union(order[2], order[1]);
            union.Union(order[3], order[4]);
            union.Union(order[4], order[0]);

            Assert.That(keys.Select(union.Find), Has.All.EqualTo("a"), $"seed {seed}");
        }
    }

    [Test]
    public void Unjoined_keys_stay_apart()
    {
        var union = new UnionFind();
        union.Add("x");
        union.Add("y");
        union.Add("z");
        union.Union("y", "z");
        Assert.That(union.Find("x"), Is.EqualTo("x"));
        Assert.That(union.Find("z"), Is.EqualTo("y"));
    }
}
