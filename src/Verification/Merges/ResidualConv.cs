namespace FluentNets.Verification;

/// <summary>One SAME convolution of a residual body, optionally followed by BatchNorm.</summary>
/// <param name="Filters">Filters.</param>
/// <param name="Kernel">Kernel size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="BatchNorm">Whether BatchNorm follows.</param>
public sealed record ResidualConv(int Filters, Size2 Kernel, Size2 Stride, bool BatchNorm)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"Conv({Filters}, {Kernel}, s: {Stride}, pad: Padding.Same){(BatchNorm ? ".BatchNorm()" : "")}";
}
