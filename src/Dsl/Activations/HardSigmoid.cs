namespace FluentNets.Activations;

/// <summary>relu6(x + 3) / 6, as Keras 3 and PyTorch define it (not Keras 2's 0.2 x + 0.5).</summary>
public sealed record HardSigmoid : Activation
{
    /// <inheritdoc />
    public override string KerasName => "hard_sigmoid";
}
