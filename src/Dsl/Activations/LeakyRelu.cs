using System.Globalization;

namespace FluentNets.Activations;

/// <summary>x for x &gt; 0, alpha x otherwise.</summary>
/// <param name="Alpha">
/// The negative slope, or null for Keras's default where it is used: <see cref="FusedAlpha"/> fused into a
/// layer (Keras's <c>leaky_relu</c> function), <see cref="LayerAlpha"/> as a layer (Keras's <c>LeakyReLU</c>).
/// </param>
public sealed record LeakyRelu(double? Alpha = null) : Activation
{
    /// <summary>The slope of Keras's <c>leaky_relu</c> function: 0.2.</summary>
    public const double FusedAlpha = 0.2;

    /// <summary>The default slope of Keras's <c>LeakyReLU</c> layer: 0.3.</summary>
    public const double LayerAlpha = 0.3;

    /// <inheritdoc />
    public override string KerasName => "leaky_relu";

    /// <inheritdoc />
    public override string KerasLayer => "LeakyReLU";

    /// <summary>The slope applied: <see cref="Alpha"/>, or <see cref="FusedAlpha"/> when none was given.</summary>
    public double Slope => Alpha ?? FusedAlpha;

    /// <inheritdoc />
    public override string? Invalid =>
        Alpha < 0 ? $"alpha must not be negative. Received: alpha={Alpha.Value.ToString(CultureInfo.InvariantCulture)}." : null;
}
