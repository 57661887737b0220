namespace AudioEdge.Dsp.Serialization;

/// <summary>An array read from a .npy file, widened to double whatever its stored type.</summary>
/// <param name="Shape">Dimensions, outermost first (C order).</param>
/// <param name="Data">The elements, C order.</param>
/// <param name="Descr">The stored element type, e.g. <c>&lt;f4</c>.</param>
public sealed record NpyArray(int[] Shape, double[] Data, string Descr);
