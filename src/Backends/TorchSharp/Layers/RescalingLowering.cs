using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Rescaling: x * scale + offset with the spec's constants, per channel or shared.</summary>
internal sealed class RescalingLowering : LayerLowering<Rescaling>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Rescaling spec, LoweringContext context)
    {
        bool image = context.Node.Shape.IsImage;
        var scale = Constants.PerChannel(spec.Scale, image, context.Device);
        var offset = Constants.PerChannel(spec.Offset, image, context.Device);
        return Function(context, (x, _) =>
        {
            var y = x[0].mul(scale);
            return y.add_(offset);
        });
    }
}
