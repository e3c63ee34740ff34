namespace FluentNets.Verification;

/// <summary>
/// A valid generated network with exactly one shape error planted in it: a stage named
/// <c>planted</c> inserted at the top level, into a residual body, a branch or a scaled residual.
/// </summary>
/// <param name="Valid">The network before planting; it builds.</param>
/// <param name="Planted">The network with the planted stage.</param>
/// <param name="Index">
/// The top-level stage of <see cref="Planted"/> that is or holds the planted stage; the stages
/// before it are <see cref="Valid"/>'s, and <see cref="Valid"/>'s from this index on follow it.
/// </param>
/// <param name="Error">What was planted.</param>
/// <param name="PlantedLayer">Full path of the layer that must fail, e.g. <c>residual_1/planted/add</c>.</param>
public sealed record InvalidNetwork(NetworkDescription Valid, NetworkDescription Planted, int Index, PlantedError Error, string PlantedLayer)
{
    /// <summary>
    /// The oracle's account of the network a caller gets by catching the exception and going on
    /// from the handle before the bad call with <see cref="Valid"/>'s remaining stages: its
    /// layers, and their names, which skip those that layers built before the failure (outside the
    /// failing block) still hold.
    /// </summary>
    public NetworkExpectation ExpectedRecovery()
    {
        var scope = OracleScope.Start();
        var image = Stage.ExpectAll(Planted.Body.Take(Index), scope, Planted.Input);
        int layers = scope.LayerCount;
        Planted.Body[Index].Expect(scope, image);
        scope.Recover(layers);
        return Valid.ExpectFrom(scope, image, Index);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Error} at {PlantedLayer} (top-level stage {Index}): {Planted}";
}
