using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// An activation applied as a layer of its own: Keras's <c>Activation</c> layer, or the class Keras has
/// for it (<c>ReLU</c> with arguments, <c>LeakyReLU</c>, <c>ELU</c>).
/// </summary>
/// <param name="Function">
/// The activation; <see cref="Activation.None"/> is Keras's <c>Activation("linear")</c>, the identity layer
/// keras.applications' ConvNeXt puts where stochastic depth would be (<c>convnext_tiny_stage_0_block_0_identity</c>).
/// </param>
/// <param name="KerasClass">The Keras class to show, when not the activation's own (<see cref="Activation.KerasLayer"/>).</param>
public sealed record ActivationLayer(Activation Function, string? KerasClass = null) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => KerasClass ?? Function.KerasLayer;

    /// <inheritdoc />
    public override string NamePrefix => KerasNames.Snake(KerasType);

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.RequireActivation(Function);
        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
