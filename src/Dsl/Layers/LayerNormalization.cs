using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// Layer normalisation over the channels of each position (Keras's <c>LayerNormalization</c> on the last
/// axis, torchvision's <c>LayerNorm2d</c> on an image and <c>LayerNorm</c> on a vector):
/// (x - mean) / sqrt(var + epsilon) * gamma + beta, mean and (biased) variance over the channels.
/// </summary>
/// <param name="Epsilon">Added to the variance (ConvNeXt's 1e-6).</param>
/// <param name="Center">Whether beta is learned.</param>
/// <param name="Scale">Whether gamma is learned.</param>
public sealed record LayerNormalization(double Epsilon, bool Center = true, bool Scale = true) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "LayerNormalization";

    /// <inheritdoc />
    public override string NamePrefix => "layer_normalization";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Epsilon > 0, $"epsilon must be positive. Received: epsilon={Epsilon}.");
        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        int[] c = [inputs[0].Channels];
        var parameters = new List<ParameterSpec>(2);
        if (Scale)
        {
            parameters.Add(ParameterSpec.Plain("weight", "gamma", c, Initializer.Ones));
        }

        if (Center)
        {
            parameters.Add(ParameterSpec.Plain("bias", "beta", c, Initializer.Zeros));
        }

        return parameters;
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
