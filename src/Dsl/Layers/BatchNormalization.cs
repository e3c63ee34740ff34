namespace FluentNets.Layers;

/// <summary>
/// Batch normalisation over channels with Keras's semantics: trainable gamma (when
/// <see cref="Scale"/>) and beta (when <see cref="Center"/>), and the non-trainable moving mean
/// and variance.
/// </summary>
/// <param name="Momentum">Keras momentum of the moving statistics (0.99 by default; PyTorch's is 1 - this).</param>
/// <param name="Epsilon">Added to the variance (Keras default 1e-3).</param>
/// <param name="Center">Whether beta is learned.</param>
/// <param name="Scale">Whether gamma is learned.</param>
public sealed record BatchNormalization(double Momentum, double Epsilon, bool Center, bool Scale) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "BatchNormalization";

    /// <inheritdoc />
    public override string NamePrefix => "batch_normalization";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Momentum is >= 0 and < 1, $"momentum must be in [0, 1). Received: momentum={Momentum}.");
        context.Require(Epsilon > 0, $"epsilon must be positive. Received: epsilon={Epsilon}.");
        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override ParamCount Params(IReadOnlyList<Shape> inputs, Shape output)
    {
        long c = inputs[0].Channels;
        return new((Center ? c : 0) + (Scale ? c : 0), 2 * c);
    }
}
