using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>Dropout, per value or per example (stochastic depth): the identity, as at inference.</summary>
internal sealed class DropoutOnnx : OnnxLayer<Dropout>
{
    /// <inheritdoc />
    protected override void Emit(Dropout spec, OnnxGraphBuilder builder, Node node) =>
        builder.Emit("Identity", node.Name, [Inputs(node)[0]], [node.Name], []);
}
