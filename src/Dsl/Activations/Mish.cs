namespace FluentNets.Activations;

/// <summary>x * tanh(softplus(x)) (Misra, https://arxiv.org/abs/1908.08681).</summary>
public sealed record Mish : Activation
{
    /// <inheritdoc />
    public override string KerasName => "mish";
}
