namespace FluentNets.Activations;

/// <summary>x * sigmoid(x), also called swish (Keras's <c>silu</c>, PyTorch's <c>SiLU</c>).</summary>
public sealed record Silu : Activation
{
    /// <inheritdoc />
    public override string KerasName => "silu";
}
