using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>A <c>MaxPooling2D</c> or <c>AveragePooling2D</c>, possibly with PyTorch's ceil mode or padding-inclusive averages.</summary>
/// <param name="Kind">Max or average.</param>
/// <param name="Pool">Pool size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Padding">Padding; explicit pads are at most half the pool.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
/// <param name="CeilMode">PyTorch's <c>ceil_mode</c>: the last, partial window is kept; valid or explicit padding only.</param>
/// <param name="CountPadding">PyTorch's <c>count_include_pad</c>, average pooling only: padded cells count in the divisor.</param>
[Generates(typeof(Pooling2D))]
public sealed record PoolStage(PoolKind Kind, Size2 Pool, Size2 Stride, Padding Padding, string? Name = null, bool CeilMode = false, bool CountPadding = false) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => Kind == PoolKind.Max
        ? x.MaxPool(Pool, s: Stride, pad: Padding, ceilMode: CeilMode, name: Name)
        : x.AvgPool(Pool, s: Stride, pad: Padding, ceilMode: CeilMode, countPadding: CountPadding, name: Name);

    /// <inheritdoc />
    public override string ToString() =>
        $".{(Kind == PoolKind.Max ? "MaxPool" : "AvgPool")}({CSharp.Size(Pool)}, s: {CSharp.Size(Stride)}, pad: {CSharp.Pad(Padding)}" +
        $"{(CeilMode ? ", ceilMode: true" : "")}{(CountPadding ? ", countPadding: true" : "")}{CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, Kind == PoolKind.Max ? "max_pooling2d" : "average_pooling2d");
        var (h, w) = CeilMode
            ? CeilOutput(input)
            : Oracle.WindowOutput(input.Height, input.Width, Pool, Stride, new Size2(1, 1), Padding);
        if (h < 1 || w < 1 || (Padding is ExplicitPadding pads && !Oracle.PoolPadsAllowed(Pool, pads)) ||
            (CeilMode && Padding is SamePadding) || (CountPadding && Kind == PoolKind.Max))
        {
            return scope.Fail(name, input);
        }

        scope.Layer(name, Shape.Image(h, w, input.Channels));
        return input with { Height = h, Width = w };
    }

    private (int Height, int Width) CeilOutput(ImageDims input)
    {
        var pads = Oracle.Pads(input.Height, input.Width, Pool, Stride, new Size2(1, 1), Padding);
        return (
            Oracle.CeilOutputSize(input.Height, Pool.H, Stride.H, pads.Top, pads.Bottom),
            Oracle.CeilOutputSize(input.Width, Pool.W, Stride.W, pads.Left, pads.Right));
    }
}
