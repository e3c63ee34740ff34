using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>ZeroPadding2D: a constant <c>Pad</c> of the spatial axes, pads ordered as all the begins, then all the ends.</summary>
internal sealed class ZeroPadding2DOnnx : OnnxLayer<ZeroPadding2D>
{
    /// <inheritdoc />
    protected override void Emit(ZeroPadding2D spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        string pads = builder.Int64Constant($"{name}/pads", [8], [0, 0, spec.Top, spec.Left, 0, 0, spec.Bottom, spec.Right]);
        builder.Emit("Pad", name, [Inputs(node)[0], pads], [name], []);
    }
}
