using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>A <c>MaxPooling2D</c> or <c>AveragePooling2D</c>.</summary>
/// <param name="Kind">Max or average.</param>
/// <param name="Pool">Pool size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Padding">Padding; explicit pads are at most half the pool.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
public sealed record PoolStage(PoolKind Kind, Size2 Pool, Size2 Stride, Padding Padding, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => Kind == PoolKind.Max
        ? x.MaxPool(Pool, s: Stride, pad: Padding, name: Name)
        : x.AvgPool(Pool, s: Stride, pad: Padding, name: Name);

    /// <inheritdoc />
    public override string ToString() =>
        $".{(Kind == PoolKind.Max ? "MaxPool" : "AvgPool")}({CSharp.Size(Pool)}, s: {CSharp.Size(Stride)}, pad: {CSharp.Pad(Padding)}{CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, Kind == PoolKind.Max ? "max_pooling2d" : "average_pooling2d");
        var (h, w) = Oracle.WindowOutput(input.Height, input.Width, Pool, Stride, new Size2(1, 1), Padding);
        if (h < 1 || w < 1 || (Padding is ExplicitPadding pads && !Oracle.PoolPadsAllowed(Pool, pads)))
        {
            return scope.Fail(name, input);
        }

        scope.Layer(name, Shape.Image(h, w, input.Channels));
        return input with { Height = h, Width = w };
    }
}
