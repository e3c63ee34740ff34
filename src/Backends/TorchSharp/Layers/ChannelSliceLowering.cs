using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>ChannelSlice: <c>narrow</c> along the channel axis.</summary>
internal sealed class ChannelSliceLowering : LayerLowering<ChannelSlice>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(ChannelSlice spec, LoweringContext context) =>
        Function(context, (x, _) => x[0].narrow(1, spec.Start, spec.Count));
}
