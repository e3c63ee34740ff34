using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Multiply: the element-wise product; a C-vector scales an HxWxC image channel by channel, as a 1x1xC image does by broadcasting.</summary>
internal sealed class MultiplyLowering : LayerLowering<Multiply>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Multiply spec, LoweringContext context)
    {
        bool image = context.Node.Shape.IsImage;
        return Function(context, (x, _) =>
        {
            // A C-vector scales an HxWxC image channel by channel: view it as (N, C, 1, 1).
            var views = x.Select(t => image && t.dim() == 2 ? t.view(t.shape[0], t.shape[1], 1, 1) : t).ToArray();
            var product = Merges.Combine(views, (a, b) => a.mul(b));
            foreach (var view in views.Where(v => !x.Contains(v) && !ReferenceEquals(v, product)))
            {
                view.Dispose();
            }

            return product;
        });
    }
}
