namespace FluentNets.Activations;

/// <summary>log(1 + e^x).</summary>
public sealed record Softplus : Activation
{
    /// <inheritdoc />
    public override string KerasName => "softplus";
}
