namespace FluentNets.Layers;

/// <summary>An activation applied as a layer of its own (Keras <c>Activation</c> or <c>LeakyReLU</c>).</summary>
/// <param name="Function">The activation.</param>
/// <param name="Alpha">Negative slope for <see cref="Activation.LeakyRelu"/>; unused otherwise.</param>
public sealed record ActivationLayer(Activation Function, double Alpha = 0) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => Function == Activation.LeakyRelu ? "LeakyReLU" : "Activation";

    /// <inheritdoc />
    public override string NamePrefix => Function == Activation.LeakyRelu ? "leaky_re_lu" : "activation";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Function != Activation.None, "an activation layer needs a function other than None.");
        context.Require(Alpha >= 0, $"alpha must not be negative. Received: alpha={Alpha}.");
        return new LayerOutput(context.Input);
    }
}
