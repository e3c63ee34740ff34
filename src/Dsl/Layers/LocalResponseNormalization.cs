using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// Local response normalisation across channels, as in AlexNet:
/// b = a / (k + alpha / size * sum of a^2 over <see cref="Size"/> neighbouring channels)^beta,
/// PyTorch's <c>LocalResponseNorm</c> definition.
/// </summary>
/// <param name="Size">Number of neighbouring channels summed.</param>
/// <param name="Alpha">Scale.</param>
/// <param name="Beta">Exponent.</param>
/// <param name="K">Additive constant.</param>
public sealed record LocalResponseNormalization(int Size, double Alpha, double Beta, double K) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "LocalResponseNormalization";

    /// <inheritdoc />
    public override string NamePrefix => "lrn";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Size > 0, $"size must be positive. Received: size={Size}.");
        context.Require(Beta >= 0 && K >= 0 && Alpha >= 0, $"alpha, beta and k must not be negative. Received: alpha={Alpha}, beta={Beta}, k={K}.");
        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
