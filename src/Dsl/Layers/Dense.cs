using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// A fully connected layer. On a vector of C features it gives <c>Units</c> features; on an HxWxC
/// image it acts on the last axis as Keras's Dense does, giving HxWx<c>Units</c>.
/// </summary>
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
        context.RequireActivation(Activation);
        var input = context.Input;
        return new LayerOutput(input.IsImage ? Shape.Image(input.Height, input.Width, Units) : Shape.Vector(Units));
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        int[] kernel = [Units, inputs[0].Channels];
        var weight = new ParameterSpec("weight", kernel, new GlorotUniform(kernel[1], Units), KerasWeight.DenseKernel(kernel), L2: L2);
        return UseBias ? [weight, ParameterSpec.Plain("bias", "bias", [Units], Initializer.Zeros)] : [weight];
    }

    /// <inheritdoc />
    public override long Macs(IReadOnlyList<Shape> inputs, Shape output) =>
        (inputs[0].IsImage ? (long)inputs[0].Height * inputs[0].Width : 1) * inputs[0].Channels * Units;

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
