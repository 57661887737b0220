namespace AudioEdge.Detection;

/// <summary>Sorting for the detectors' per-frame medians: a few dozen values, in place, allocation-free everywhere.</summary>
/// <remarks>
/// Not <see cref="MemoryExtensions.Sort{T}(Span{T})"/>: under NativeAOT (the packages) its float path builds a
/// comparison delegate per call, and the tone detector takes a median for every region of every frame (~1 KB per
/// 100 ms block, found with the packaged <c>audioedge bench</c>). For these sizes an insertion sort is also the
/// fastest there is.
/// </remarks>
internal static class SmallSort
{
    /// <summary>Sorts <paramref name="values"/> ascending.</summary>
    public static void InsertionSort(Span<float> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            float value = values[i];
            int j = i - 1;
            while (j >= 0 && values[j] > value)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = value;
        }
    }
}
