using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Reshape between an NCHW image and an NC vector in Keras's (H, W, C) order, through NHWC; an image
/// comes out with row-major strides (<see cref="StandardLayout"/>), 1x1 ones too.
/// </summary>
internal sealed class ReshapeLowering : LayerLowering<Reshape>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Reshape spec, LoweringContext context)
    {
        var target = spec.Target;
        if (!target.IsImage)
        {
            return context.Node.Inputs[0].Shape.IsImage
                ? Function(context, (x, _) =>
                {
                    using var channelsLast = x[0].permute(0, 2, 3, 1);
                    return channelsLast.flatten(1);
                })
                : Function(context, (x, _) => x[0].alias());
        }

        return Function(context, (x, _) =>
        {
            using var channelsLast = x[0].view(x[0].shape[0], target.Height, target.Width, target.Channels);
            using var channelsFirst = channelsLast.permute(0, 3, 1, 2);
            return StandardLayout.Of(channelsFirst);
        });
    }
}
