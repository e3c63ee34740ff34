using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>Concatenate: a <c>Concat</c> along the channel axis.</summary>
internal sealed class ConcatenateOnnx : OnnxLayer<Concatenate>
{
    /// <inheritdoc />
    protected override void Emit(Concatenate spec, OnnxGraphBuilder builder, Node node) =>
        builder.Emit("Concat", node.Name, Inputs(node), [node.Name], [OnnxGraphBuilder.Int("axis", 1)]);
}
