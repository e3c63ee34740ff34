namespace FluentNets.PropertyTests;

/// <summary>A <c>Dense</c> layer of a random <see cref="Chain"/>'s head.</summary>
/// <param name="Units">Output features.</param>
/// <param name="Bias">Whether a bias is added.</param>
public sealed record DenseLayer(int Units, bool Bias)
{
    /// <inheritdoc />
    public override string ToString() => $"Dense({Units}, bias: {Bias})";
}
