using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>An activation layer: its entry in <see cref="OnnxActivations"/>, the last node named as the layer.</summary>
internal sealed class ActivationLayerOnnx : OnnxLayer<ActivationLayer>
{
    /// <inheritdoc />
    protected override void Emit(ActivationLayer spec, OnnxGraphBuilder builder, Node node) =>
        OnnxActivations.Emit(builder, spec.Function, node.Name, node.Name, Inputs(node)[0], node.Name);
}
