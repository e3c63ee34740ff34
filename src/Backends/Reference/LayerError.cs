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
public sealed record LayerError(string Layer, string Shape, double MaxAbsolute, double MaxRelative, int Index, float Value, float Expected, bool Passes);
