using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>Dense: a <c>Gemm</c> on a vector, a 1x1 <c>Conv</c> on an image, then the fused activation.</summary>
internal sealed class DenseOnnx : OnnxLayer<Dense>
{
    /// <inheritdoc />
    protected override void Emit(Dense spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        string input = Inputs(node)[0];
        if (node.Inputs[0].Shape.IsImage)
        {
            // Keras's Dense on an image acts on the channel axis: a 1x1 convolution whose kernel is
            // the (units, channels) weight viewed as (units, channels, 1, 1).
            builder.Activated(name, spec.Activation, linear =>
            {
                string weight = builder.Initializer($"{name}.weight", [spec.Units, node.Inputs[0].Shape.Channels, 1, 1]);
                string[] conv = spec.UseBias ? [input, weight, builder.Initializer($"{name}.bias")] : [input, weight];
                builder.Emit("Conv", name, conv, [linear], [OnnxGraphBuilder.Ints("kernel_shape", 1, 1)]);
            });
            return;
        }

        builder.Activated(name, spec.Activation, linear =>
        {
            string[] gemm = spec.UseBias
                ? [input, builder.Initializer($"{name}.weight"), builder.Initializer($"{name}.bias")]
                : [input, builder.Initializer($"{name}.weight")];
            builder.Emit("Gemm", name, gemm, [linear], [OnnxGraphBuilder.Int("transB", 1)]);
        });
    }
}
