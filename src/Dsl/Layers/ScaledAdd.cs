using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// A scaled residual, x + scale * r, of two inputs of one shape (Inception-ResNet's residual scaling,
/// Szegedy et al., https://arxiv.org/abs/1602.07261; keras.applications' <c>CustomScaleLayer</c>).
/// </summary>
/// <param name="Scale">The factor of the second input.</param>
/// <param name="KerasClass">The Keras class keras.applications gives it.</param>
public sealed record ScaledAdd(double Scale, string KerasClass = "CustomScaleLayer") : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => KerasClass;

    /// <inheritdoc />
    public override string NamePrefix => KerasNames.Snake(KerasClass);

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        if (context.Inputs.Count != 2 || !context.Inputs[1].Equals(context.Input))
        {
            throw context.Fail($"a scaled residual needs two inputs of one shape, x and r of x + {Scale} * r; received {context.DescribeInputs()}.");
        }

        context.Require(!double.IsNaN(Scale) && !double.IsInfinity(Scale), $"scale must be finite. Received: scale={Scale}.");
        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
