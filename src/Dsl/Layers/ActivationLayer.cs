using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// An activation applied as a layer of its own: Keras's <c>Activation</c> layer, or the class Keras has
/// for it (<c>ReLU</c> with arguments, <c>LeakyReLU</c>, <c>ELU</c>).
/// </summary>
/// <param name="Function">The activation, never <see cref="Activation.None"/> except in <see cref="Linear"/>.</param>
/// <param name="KerasClass">The Keras class to show, when not the activation's own (<see cref="Activation.KerasLayer"/>).</param>
public sealed record ActivationLayer(Activation Function, string? KerasClass = null) : LayerSpec
{
    /// <summary>
    /// The identity as a layer of its own, Keras's <c>Activation("linear")</c>, which keras.applications' ConvNeXt puts
    /// where stochastic depth would be (<c>convnext_tiny_stage_0_block_0_identity</c>). Only this layer has
    /// <see cref="Activation.None"/>, so that an activation left out by mistake never becomes a layer that does nothing.
    /// </summary>
    public static ActivationLayer Linear { get; } = new(Activation.None) { IsLinear = true };

    /// <summary>Whether this is <see cref="Linear"/>, the identity asked for as such.</summary>
    public bool IsLinear { get; private init; }

    /// <inheritdoc />
    public override string KerasType => KerasClass ?? Function.KerasLayer;

    /// <inheritdoc />
    public override string NamePrefix => KerasNames.Snake(KerasType);

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Function is not null && (IsLinear || !Function.IsIdentity), "an activation layer needs a function other than None.");
        context.RequireActivation(Function!);
        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
