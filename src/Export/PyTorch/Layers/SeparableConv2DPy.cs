using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>SeparableConv2D: model.py's <c>SeparableConv2d</c> (depthwise, pointwise, one bias), then the fused activation.</summary>
internal sealed class SeparableConv2DPy : PyLayer<SeparableConv2D>
{
    /// <inheritdoc />
    protected override string? Module(SeparableConv2D spec, Node node)
    {
        var w = ModelPy.Window(node);
        return $"SeparableConv2d({InputChannels(node)}, {spec.Filters}, {ModelPy.Pair(w.Kernel)}, {ModelPy.Pair(w.Stride)}, {ModelPy.Pads(w)}, {ModelPy.Pair(w.Dilation)}, depth_multiplier={spec.DepthMultiplier}, bias={ModelPy.Bool(spec.UseBias)})";
    }

    /// <inheritdoc />
    protected override void Forward(SeparableConv2D spec, PyForward forward) => Activated(forward, spec.Activation);
}
