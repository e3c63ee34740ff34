namespace FluentNets.Activations;

/// <summary>Identity, Keras's <c>"linear"</c>: the layer's output as it is.</summary>
public sealed record Linear : Activation
{
    /// <inheritdoc />
    public override string KerasName => "linear";

    /// <inheritdoc />
    public override bool IsIdentity => true;
}
