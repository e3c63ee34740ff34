using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>
/// LayerScale: a <c>Mul</c> by the layer's parameter, whose (C, 1, 1) or (C) shape broadcasts as it is. The
/// parameter is the layer itself (its name is the layer's), so its initializer is named <c>layer/gamma</c>:
/// the layer's name is its output tensor's.
/// </summary>
internal sealed class LayerScaleOnnx : OnnxLayer<LayerScale>
{
    /// <inheritdoc />
    protected override void Emit(LayerScale spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        builder.Emit("Mul", name, [Inputs(node)[0], builder.Initializer(name, tensor: $"{name}/gamma")], [name], []);
    }
}
