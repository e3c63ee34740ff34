using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>MaxPooling2D and AveragePooling2D with Keras's or PyTorch's rules for padding and ceil mode (<see cref="Windows"/>).</summary>
internal sealed class Pooling2DLowering : LayerLowering<Pooling2D>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Pooling2D spec, LoweringContext context)
    {
        var window = context.Window;
        long outH = context.Node.Shape.Height, outW = context.Node.Shape.Width;
        return spec.Kind == PoolKind.Max
            ? Function(context, (x, _) => Windows.MaxPool(x[0], window, spec.CeilMode, outH, outW))
            : Function(context, (x, _) => Windows.AvgPool(x[0], window, spec.CeilMode, spec.CountPadding, outH, outW));
    }
}
