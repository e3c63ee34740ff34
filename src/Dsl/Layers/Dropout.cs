using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// Zeroes a fraction of activations while training and scales the rest by 1 / (1 - rate); the identity
/// at inference. With <see cref="PerExample"/> it drops whole examples: stochastic depth (Huang et al.,
/// https://arxiv.org/abs/1603.09382) on a residual branch, as torchvision's <c>StochasticDepth(p, "row")</c>
/// and Keras's <c>Dropout(rate, noise_shape=(None, 1, 1, 1))</c> apply it.
/// </summary>
/// <param name="Rate">Fraction dropped, in [0, 1).</param>
/// <param name="PerExample">Whether one draw per example decides for all its values.</param>
public sealed record Dropout(double Rate, bool PerExample = false) : LayerSpec
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

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
