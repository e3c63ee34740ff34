using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>DepthwiseConv2D: a <c>Conv</c> with one group per input channel, then the fused activation.</summary>
internal sealed class DepthwiseConv2DOnnx : OnnxLayer<DepthwiseConv2D>
{
    /// <inheritdoc />
    protected override void Emit(DepthwiseConv2D spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        builder.Activated(name, spec.Activation, linear =>
            builder.Convolution(name, linear, Inputs(node)[0], node, node.Inputs[0].Shape.Channels, spec.UseBias ? $"{name}.bias" : null));
    }
}
