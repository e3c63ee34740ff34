using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>LocalResponseNormalization as ONNX's <c>LRN</c>, for odd window sizes.</summary>
[NoExactForm("ONNX's LRN centres an even window one channel away from where PyTorch and Keras centre it")]
internal sealed class LocalResponseNormalizationOnnx : OnnxLayer<LocalResponseNormalization>
{
    /// <inheritdoc />
    protected override void Emit(LocalResponseNormalization spec, OnnxGraphBuilder builder, Node node)
    {
        if (spec.Size % 2 == 0)
        {
            // PyTorch centres an even window one channel earlier than ONNX's LRN does.
            throw OnnxGraphBuilder.Unsupported(node, $"ONNX's LRN centres an even window (size={spec.Size}) differently from PyTorch and Keras; use an odd size");
        }

        builder.Emit("LRN", node.Name, [Inputs(node)[0]], [node.Name],
            [OnnxGraphBuilder.Int("size", spec.Size), OnnxGraphBuilder.Float("alpha", spec.Alpha), OnnxGraphBuilder.Float("beta", spec.Beta), OnnxGraphBuilder.Float("bias", spec.K)]);
    }
}
