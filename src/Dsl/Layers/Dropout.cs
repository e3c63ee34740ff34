namespace FluentNets.Layers;

/// <summary>Zeroes a fraction of activations while training and scales the rest by 1 / (1 - rate).</summary>
/// <param name="Rate">Fraction dropped, in [0, 1).</param>
public sealed record Dropout(double Rate) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Dropout";

    /// <inheritdoc />
    public override string NamePrefix => "dropout";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Rate is >= 0 and < 1, $"rate must be in [0, 1). Received: rate={Rate}.");
        return new LayerOutput(context.Input);
    }
}
