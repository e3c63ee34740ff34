namespace FluentNets.Layers;

/// <summary>A fully connected layer.</summary>
/// <param name="Units">Output features.</param>
/// <param name="UseBias">Whether a bias is added.</param>
/// <param name="Activation">Fused activation.</param>
/// <param name="L2">L2 kernel regularisation factor; 0 for none.</param>
public sealed record Dense(int Units, bool UseBias, Activation Activation, double L2) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Dense";

    /// <inheritdoc />
    public override string NamePrefix => "dense";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Units > 0, $"units must be positive. Received: units={Units}.");
        context.Require(L2 >= 0, $"l2 must not be negative. Received: l2={L2}.");
        return new LayerOutput(Shape.Vector(Units));
    }

    /// <inheritdoc />
    public override ParamCount Params(IReadOnlyList<Shape> inputs, Shape output) =>
        new((long)inputs[0].Channels * Units + (UseBias ? Units : 0), 0);

    /// <inheritdoc />
    public override long Macs(IReadOnlyList<Shape> inputs, Shape output) => (long)inputs[0].Channels * Units;
}
