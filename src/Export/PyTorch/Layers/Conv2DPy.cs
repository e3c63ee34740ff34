using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Conv2D: <c>nn.Conv2d</c> (<c>PaddedConv2d</c> for uneven pads) with its groups, then the fused activation.</summary>
internal sealed class Conv2DPy : PyLayer<Conv2D>
{
    /// <inheritdoc />
    protected override string? Module(Conv2D spec, Node node) => ModelPy.Convolution(node, InputChannels(node), spec.Filters, spec.Groups, spec.UseBias);

    /// <inheritdoc />
    protected override void Forward(Conv2D spec, PyForward forward) => Activated(forward, spec.Activation);
}
