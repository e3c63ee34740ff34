namespace FluentNets.Backends.Reference;

/// <summary>How far one layer's output on a backend is from the reference backend's in float64.</summary>
/// <param name="Layer">The node's name.</param>
/// <param name="Shape">The output's batch shape, e.g. <c>[2, 64, 14, 14]</c>.</param>
/// <param name="MaxAbsolute">The largest absolute difference; NaN when either output is not finite there.</param>
/// <param name="MaxRelative"><see cref="MaxAbsolute"/> divided by the largest absolute value of the reference output (1 when that is 0).</param>
/// <param name="Index">The flat index of the largest difference.</param>
/// <param name="Value">The backend's value there.</param>
/// <param name="Expected">The reference backend's value there.</param>
/// <param name="Passes">Whether <see cref="MaxRelative"/> is within the tolerance of the comparison.</param>
/// <param name="FoldedInto">
/// The layer this one is folded into on the compared network (<see cref="ILayerOutputs.FoldedLayers"/>),
/// which computes no output of this one's own: its values are checked at that layer's output, and this
/// row has no errors and passes. Null for a layer compared on its own.
/// </param>
public sealed record LayerError(string Layer, string Shape, double MaxAbsolute, double MaxRelative, int Index, float Value, float Expected, bool Passes, string? FoldedInto = null)
{
    /// <summary>The row of a layer folded into <paramref name="into"/>.</summary>
    /// <param name="layer">The folded layer.</param>
    /// <param name="shape">Its output's batch shape.</param>
    /// <param name="into">The layer whose output it is part of.</param>
    public static LayerError Folded(string layer, string shape, string into) =>
        new(layer, shape, double.NaN, double.NaN, 0, float.NaN, float.NaN, Passes: true, into);
}
