using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>DepthwiseConv2D: <c>nn.Conv2d</c> with one group per input channel, then the fused activation.</summary>
internal sealed class DepthwiseConv2DPy : PyLayer<DepthwiseConv2D>
{
    /// <inheritdoc />
    protected override string? Module(DepthwiseConv2D spec, Node node)
    {
        int cin = InputChannels(node);
        return ModelPy.Convolution(node, cin, node.Shape.Channels, cin, spec.UseBias);
    }

    /// <inheritdoc />
    protected override void Forward(DepthwiseConv2D spec, PyForward forward) => Activated(forward, spec.Activation);
}
