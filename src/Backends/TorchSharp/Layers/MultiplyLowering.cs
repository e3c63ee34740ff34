using FluentNets.Layers;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Multiply: the element-wise product; a C-vector scales an HxWxC image channel by channel, as a 1x1xC
/// image does by broadcasting. In a network compiled for inference the product goes into the first
/// input where that has the output's shape and nothing else reads it.
/// </summary>
internal sealed class MultiplyLowering : LayerLowering<Multiply>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Multiply spec, LoweringContext context)
    {
        bool image = context.Node.Shape.IsImage;
        return Function(context, (x, _) => Broadcast(x, image, views => Merges.Combine(views, (a, b) => a.mul(b)))) with
        {
            InPlace = context.Node.Inputs[0].Shape.Equals(context.Node.Shape)
                ? x => Broadcast(x, image, views => Merges.Accumulate(views, (product, b) => product.mul_(b)))
                : null,
        };
    }

    // A C-vector scales an HxWxC image channel by channel: view it as (N, C, 1, 1).
    private static Tensor Broadcast(IReadOnlyList<Tensor> x, bool image, Func<Tensor[], Tensor> multiply)
    {
        var views = x.Select(t => image && t.dim() == 2 ? t.view(t.shape[0], t.shape[1], 1, 1) : t).ToArray();
        var product = multiply(views);
        foreach (var view in views.Where(v => !x.Contains(v) && !ReferenceEquals(v, product)))
        {
            view.Dispose();
        }

        return product;
    }
}
