namespace AudioEdge.DatasetBuilder.Data;

/// <summary>Disjoint sets of string keys; the root of a set is always its ordinally smallest key, whatever the order of unions.</summary>
internal sealed class UnionFind
{
    private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

    public void Add(string key) => _parent.TryAdd(key, key);

    public string Find(string key)
    {
        string root = key;
        while (_parent[root] != root)
        {
            root = _parent[root];
        }

        // Path compression keeps later finds short.
        while (_parent[key] != root)
        {
            string next = _parent[key];
            _parent[key] = root;
            key = next;
        }

        return root;
    }

    public void Union(string a, string b)
    {
        string rootA = Find(a), rootB = Find(b);
        if (rootA != rootB)
        {
            // The smaller name becomes the root, so the structure itself is order-independent.
            if (string.CompareOrdinal(rootA, rootB) < 0)
            {
                _parent[rootB] = rootA;
            }
            else
            {
                _parent[rootA] = rootB;
            }
        }
    }
}
