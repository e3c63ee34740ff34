namespace FluentNets.Verification;

/// <summary>A <c>Dense</c> layer of a generated network's head.</summary>
/// <param name="Units">Output features.</param>
/// <param name="Bias">Whether a bias is added.</param>
/// <param name="Activation">Fused activation.</param>
public sealed record DenseLayer(int Units, bool Bias, Activation? Activation = null)
{
    /// <inheritdoc />
    public override string ToString() => $".Dense({Units}, bias: {CSharp.Bool(Bias)}, activation: {CSharp.Activation(Activation ?? FluentNets.Activation.None)})";
}
