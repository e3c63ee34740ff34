using System.Collections.Immutable;

namespace FluentNets.Verification;

/// <summary>A residual block's body of SAME convolutions on a random input.</summary>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Body">The body's convolutions, in order.</param>
public sealed record ResidualCase(int Height, int Width, int Channels, ImmutableArray<ResidualConv> Body)
{
    /// <summary>The body's output shape by the oracle.</summary>
    public Shape BodyShape => Shape.Image(
        Body.Aggregate(Height, (n, conv) => Oracle.SameOutputSize(n, conv.Stride.H)),
        Body.Aggregate(Width, (n, conv) => Oracle.SameOutputSize(n, conv.Stride.W)),
        Body[^1].Filters);

    /// <summary>The same body with every stride 1 and the input's channels at the end, so an identity shortcut fits.</summary>
    public ResidualCase KeepingShape() => this with
    {
        Body = [.. Body.Select((conv, i) => conv with
        {
            Stride = new Size2(1, 1),
            Filters = i == Body.Length - 1 ? Channels : conv.Filters,
        })],
    };

    /// <summary>Applies the body.</summary>
    public Net<Image> ApplyBody(Net<Image> x) => Body.Aggregate(x, (y, conv) =>
    {
        var z = y.Conv(conv.Filters, conv.Kernel, s: conv.Stride, pad: Padding.Same);
        return conv.BatchNorm ? z.BatchNorm() : z;
    });

    /// <inheritdoc />
    public override string ToString() => $"Input({Height}, {Width}, {Channels}).Residual(b => b.{string.Join(".", Body)})";
}
