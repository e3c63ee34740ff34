using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// A learned factor per channel (Touvron et al., https://arxiv.org/abs/2103.17239), ConvNeXt's layer scale:
/// x * gamma, gamma starting at <see cref="InitialValue"/>. The layer is itself the parameter, as
/// torchvision's <c>CNBlock.layer_scale</c> is, of shape (C, 1, 1); Keras's <c>LayerScale</c> saves it as a
/// C-vector, which keras.applications' ConvNeXt adds without a name, so Keras 3 writes it as <c>variable</c>,
/// <c>variable_1</c>, ... (<see cref="KerasWeight.IsNamed"/>); <c>gamma</c>, its attribute's name, is read too.
/// </summary>
/// <param name="InitialValue">gamma's initial value (ConvNeXt's 1e-6).</param>
public sealed record LayerScale(double InitialValue) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "LayerScale";

    /// <inheritdoc />
    public override string NamePrefix => "layer_scale";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context) => new(context.Input);

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        int c = inputs[0].Channels;
        int[] shape = inputs[0].IsImage ? [c, 1, 1] : [c];
        return [new ParameterSpec("", shape, new Constant(InitialValue), new KerasWeight("gamma", new[] { c }, new[] { 0 }, new[] { "variable" }))];
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
