using System.Globalization;

namespace FluentNets.Activations;

/// <summary>x for x &gt; 0, alpha (e^x - 1) otherwise (Keras's <c>elu</c>, PyTorch's <c>ELU</c>).</summary>
/// <param name="Alpha">The scale of the negative part, 1 by default.</param>
public sealed record Elu(double Alpha = 1) : Activation
{
    /// <inheritdoc />
    public override string KerasName => "elu";

    /// <inheritdoc />
    public override string KerasLayer => Alpha == 1 ? "Activation" : "ELU";

    /// <inheritdoc />
    public override string? Invalid =>
        Alpha < 0 ? $"alpha of an ELU must not be negative. Received: alpha={Alpha.ToString(CultureInfo.InvariantCulture)}." : null;
}
