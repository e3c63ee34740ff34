using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Cropping2D: the rows and columns that remain, by <c>narrow</c> on both spatial axes.</summary>
internal sealed class Cropping2DLowering : LayerLowering<Cropping2D>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Cropping2D spec, LoweringContext context)
    {
        var s = context.Node.Shape;
        return Function(context, (x, _) =>
        {
            using var rows = x[0].narrow(2, spec.Top, s.Height);
            return rows.narrow(3, spec.Left, s.Width);
        });
    }
}
