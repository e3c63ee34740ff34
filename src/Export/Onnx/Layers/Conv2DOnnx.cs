using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>Conv2D: a <c>Conv</c> with its groups, then the fused activation.</summary>
internal sealed class Conv2DOnnx : OnnxLayer<Conv2D>
{
    /// <inheritdoc />
    protected override void Emit(Conv2D spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        builder.Activated(name, spec.Activation, linear =>
            builder.Convolution(name, linear, Inputs(node)[0], node, spec.Groups, spec.UseBias ? $"{name}.bias" : null));
    }
}
