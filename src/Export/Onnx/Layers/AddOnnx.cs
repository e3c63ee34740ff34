using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>Add: one <c>Sum</c> of every input.</summary>
internal sealed class AddOnnx : OnnxLayer<Layers.Add>
{
    /// <inheritdoc />
    protected override void Emit(Layers.Add spec, OnnxGraphBuilder builder, Node node) =>
        builder.Emit("Sum", node.Name, Inputs(node), [node.Name], []);
}
