namespace FluentNets.Activations;

/// <summary>x * relu6(x + 3) / 6 (Keras 3's <c>hard_swish</c>, PyTorch's <c>Hardswish</c>).</summary>
public sealed record HardSwish : Activation
{
    /// <inheritdoc />
    public override string KerasName => "hard_swish";
}
