using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>ChannelSlice: a slice of the channel axis, in forward().</summary>
internal sealed class ChannelSlicePy : PyLayer<ChannelSlice>
{
    /// <inheritdoc />
    protected override string? Module(ChannelSlice spec, Node node) => null;

    /// <inheritdoc />
    protected override void Forward(ChannelSlice spec, PyForward forward) =>
        forward.Assign($"{forward.Inputs[0]}[:, {spec.Start}:{spec.Start + spec.Count}]");
}
