using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>Rescaling: <c>Mul</c> by the scale (<c>layer/scaled</c>), then <c>Add</c> the offset, each a scalar or a per-channel constant.</summary>
internal sealed class RescalingOnnx : OnnxLayer<Rescaling>
{
    /// <inheritdoc />
    protected override void Emit(Rescaling spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name, scaled = $"{name}/scaled";
        bool image = node.Shape.IsImage;
        builder.Emit("Mul", scaled, [Inputs(node)[0], builder.PerChannel($"{name}/scale", spec.Scale, image)], [scaled], []);
        builder.Emit("Add", name, [scaled, builder.PerChannel($"{name}/offset", spec.Offset, image)], [name], []);
    }
}
