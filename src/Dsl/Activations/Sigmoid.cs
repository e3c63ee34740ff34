namespace FluentNets.Activations;

/// <summary>1 / (1 + e^-x).</summary>
public sealed record Sigmoid : Activation
{
    /// <inheritdoc />
    public override string KerasName => "sigmoid";
}
