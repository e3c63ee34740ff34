namespace FluentNets.Activations;

/// <summary>The hyperbolic tangent.</summary>
public sealed record Tanh : Activation
{
    /// <inheritdoc />
    public override string KerasName => "tanh";
}
