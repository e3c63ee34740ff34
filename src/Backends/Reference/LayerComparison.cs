namespace FluentNets.Backends.Reference;

/// <summary>Every layer of a network compared with the reference backend in float64, in the network's order.</summary>
/// <param name="Layers">One row per node that runs in inference, the input excepted.</param>
/// <param name="Tolerance">The largest relative error accepted.</param>
public sealed record LayerComparison(IReadOnlyList<LayerError> Layers, double Tolerance)
{
    /// <summary>The first layer out of tolerance, or null when all pass.</summary>
    public LayerError? FirstFailure => Layers.FirstOrDefault(l => !l.Passes);

    /// <summary>Whether every layer is within tolerance.</summary>
    public bool Passes => FirstFailure is null;
}
