namespace FluentNets.Activations;

/// <summary>x / (1 + |x|).</summary>
public sealed record Softsign : Activation
{
    /// <inheritdoc />
    public override string KerasName => "softsign";
}
