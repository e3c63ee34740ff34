using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// Keras's <c>Normalization</c> over the channel axis: (x - mean) / max(sqrt(variance), 1e-7). Without
/// <see cref="Mean"/> and <see cref="Variance"/> they are state the layer saves (Keras's non-trainable
/// weights <c>mean</c>, <c>variance</c> and <c>count</c>, which EfficientNet's published files hold and
/// Keras's parameter count includes); with them, constants of the layer, as ConvNeXt passes ImageNet's.
/// </summary>
/// <param name="Mean">The per-channel means, or null for saved state.</param>
/// <param name="Variance">The per-channel variances, or null for saved state.</param>
public sealed record Normalization(ValueList<double>? Mean = null, ValueList<double>? Variance = null) : LayerSpec
{
    /// <summary>Keras's <c>backend.epsilon()</c>, the least standard deviation divided by.</summary>
    public const double Epsilon = 1e-7;

    /// <inheritdoc />
    public override string KerasType => "Normalization";

    /// <inheritdoc />
    public override string NamePrefix => "normalization";

    /// <summary>Whether the mean and variance are saved state rather than constants.</summary>
    public bool Learned => Mean is null;

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        int c = context.Input.Channels;
        context.Require((Mean is null) == (Variance is null), "mean and variance are given together or not at all.");
        if (Mean is not null && Variance is not null)
        {
            context.Require(Mean.Count == c && Variance.Count == c, $"mean and variance need one value per channel ({c}). Received: mean={Mean}, variance={Variance}.");
            context.Require(Variance.All(v => v >= 0), $"variance must not be negative. Received: variance={Variance}.");
        }

        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        if (!Learned)
        {
            return [];
        }

        int[] c = [inputs[0].Channels];
        return
        [
            ParameterSpec.State("mean", "mean", c, Initializer.Zeros),
            ParameterSpec.State("variance", "variance", c, Initializer.Ones),
            ParameterSpec.State("count", "count", [], Initializer.Zeros),
        ];
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
