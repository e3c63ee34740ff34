using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>Which reduction a pooling layer applies.</summary>
public enum PoolKind
{
    /// <summary>Maximum over the window; padding never wins.</summary>
    Max,

    /// <summary>Mean over the window's real cells (padding excluded, as Keras does, unless <see cref="Pooling2D.CountPadding"/>).</summary>
    Average,
}

/// <summary>Max or average pooling over a window.</summary>
/// <param name="Kind">Max or average.</param>
/// <param name="Pool">Window size.</param>
/// <param name="Stride">Stride (Keras defaults it to the pool size).</param>
/// <param name="Padding">Border handling.</param>
/// <param name="CeilMode">
/// PyTorch's <c>ceil_mode</c>: output sizes round up (<see cref="ShapeRules.CeilOutputSize"/>), so a last,
/// partial window overhanging the input is kept, as long as it starts inside the input or its left padding.
/// </param>
/// <param name="CountPadding">
/// PyTorch's <c>count_include_pad</c>, average pooling only: the padded cells of a window count in the
/// divisor (PyTorch's default); cells of a ceil-mode overhang beyond the padding never count.
/// </param>
public sealed record Pooling2D(PoolKind Kind, Size2 Pool, Size2 Stride, Padding Padding, bool CeilMode = false, bool CountPadding = false) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => Kind == PoolKind.Max ? "MaxPooling2D" : "AveragePooling2D";

    /// <inheritdoc />
    public override string NamePrefix => Kind == PoolKind.Max ? "max_pooling2d" : "average_pooling2d";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        // PyTorch's rule, per axis: a pad larger than half the pool lets a window lie wholly in padding.
        if (Padding is ExplicitPadding p && Pool.H > 0 && Pool.W > 0 &&
            (Math.Max(p.Top, p.Bottom) > Pool.H / 2 || Math.Max(p.Left, p.Right) > Pool.W / 2))
        {
            throw context.Fail(
                $"padding {p} is more than half the pool {Pool}: a window could lie wholly in padding. Use pad: Padding.Same or a ZeroPad layer before it.");
        }

        context.Require(
            Kind == PoolKind.Average || !CountPadding,
            "counting the padding is a rule of average pooling; max pooling never picks a padded cell. Received: countPadding=true.");
        var (window, h, w) = ShapeRules.Resolve(context, "pool", Pool, Stride, new Size2(1, 1), Padding, CeilMode);
        return new LayerOutput(Shape.Image(h, w, context.Input.Channels), window);
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input.Through(node.Window!);
}
