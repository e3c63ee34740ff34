using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>SeparableConv2D: the depthwise <c>Conv</c> (<c>layer/depthwise</c>), the 1x1 pointwise one with the bias, then the fused activation.</summary>
internal sealed class SeparableConv2DOnnx : OnnxLayer<SeparableConv2D>
{
    /// <inheritdoc />
    protected override void Emit(SeparableConv2D spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        builder.Activated(name, spec.Activation, linear =>
        {
            string spatial = $"{name}/depthwise";
            builder.Emit("Conv", spatial, [Inputs(node)[0], builder.Initializer($"{name}.depthwise.weight")], [spatial],
                OnnxGraphBuilder.WindowAttributes(OnnxGraphBuilder.Window(node), dilated: true).Append(OnnxGraphBuilder.Int("group", node.Inputs[0].Shape.Channels)));
            string[] pointwise = spec.UseBias
                ? [spatial, builder.Initializer($"{name}.pointwise.weight"), builder.Initializer($"{name}.bias")]
                : [spatial, builder.Initializer($"{name}.pointwise.weight")];
            builder.Emit("Conv", name, pointwise, [linear], [OnnxGraphBuilder.Ints("kernel_shape", 1, 1)]);
        });
    }
}
