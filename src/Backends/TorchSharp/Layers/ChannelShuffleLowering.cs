using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>ChannelShuffle as torchvision's <c>channel_shuffle</c>: view (N, g, C / g, H, W), swap the group axes, read back.</summary>
internal sealed class ChannelShuffleLowering : LayerLowering<ChannelShuffle>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(ChannelShuffle spec, LoweringContext context)
    {
        var s = context.Node.Shape;
        long groups = spec.Groups;
        return Function(context, (x, _) =>
        {
            long n = x[0].shape[0];
            using var grouped = x[0].view(n, groups, s.Channels / groups, s.Height, s.Width);
            using var swapped = grouped.transpose(1, 2);
            return swapped.reshape(n, s.Channels, s.Height, s.Width);
        });
    }
}
