using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>ScaledAdd, x + scale * r: a <c>Mul</c> of r by the scale (<c>layer/scaled</c>), then an <c>Add</c>.</summary>
internal sealed class ScaledAddOnnx : OnnxLayer<ScaledAdd>
{
    /// <inheritdoc />
    protected override void Emit(ScaledAdd spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name, scaled = $"{name}/scaled";
        string[] inputs = Inputs(node);
        builder.Emit("Mul", scaled, [inputs[1], builder.Scalar($"{name}/scale", spec.Scale)], [scaled], []);
        builder.Emit("Add", name, [inputs[0], scaled], [name], []);
    }
}
