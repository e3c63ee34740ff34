using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>Cropping2D: a <c>Slice</c> of the rows and columns that remain.</summary>
internal sealed class Cropping2DOnnx : OnnxLayer<Cropping2D>
{
    /// <inheritdoc />
    protected override void Emit(Cropping2D spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        var s = node.Shape;
        builder.Emit("Slice", name,
            [
                Inputs(node)[0],
                builder.Int64s($"{name}/starts", spec.Top, spec.Left),
                builder.Int64s($"{name}/ends", spec.Top + s.Height, spec.Left + s.Width),
                builder.Int64s($"{name}/axes", 2, 3),
            ],
            [name], []);
    }
}
