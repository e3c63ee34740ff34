using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Flatten: in Keras's (H, W, C) order (through NHWC) so a following Dense weight has Keras's layout, or in
/// PyTorch's (C, H, W) order when asked.
/// </summary>
internal sealed class FlattenLowering : LayerLowering<Flatten>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Flatten spec, LoweringContext context) =>
        spec.Order == FlattenOrder.ChannelsHeightWidth
            ? Function(context, (x, _) => x[0].flatten(1))
            : Function(context, (x, _) =>
            {
                using var channelsLast = x[0].permute(0, 2, 3, 1);
                return channelsLast.flatten(1);
            });
}
