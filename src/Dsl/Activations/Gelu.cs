namespace FluentNets.Activations;

/// <summary>
/// The Gaussian error linear unit: exact, 0.5 x (1 + erf(x / sqrt 2)), or with
/// <see cref="Approximate"/> its tanh form, 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))).
/// </summary>
/// <param name="Approximate">Whether the tanh approximation is used (PyTorch's <c>approximate='tanh'</c>).</param>
public sealed record Gelu(bool Approximate = false) : Activation
{
    /// <inheritdoc />
    public override string KerasName => "gelu";
}
