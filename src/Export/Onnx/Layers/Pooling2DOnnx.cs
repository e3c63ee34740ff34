using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>
/// Max or average pooling as <c>MaxPool</c> or <c>AveragePool</c>. ONNX's MaxPool ignores padded cells; its
/// AveragePool counts them only under count_include_pad=1, and never counts a ceil-mode overhang past the
/// padding, as PyTorch.
/// </summary>
internal sealed class Pooling2DOnnx : OnnxLayer<Pooling2D>
{
    /// <inheritdoc />
    protected override void Emit(Pooling2D spec, OnnxGraphBuilder builder, Node node)
    {
        var attributes = OnnxGraphBuilder.WindowAttributes(OnnxGraphBuilder.Window(node), dilated: false).ToList();
        if (spec.CeilMode)
        {
            attributes.Add(OnnxGraphBuilder.Int("ceil_mode", 1));
        }

        if (spec.Kind == PoolKind.Average)
        {
            attributes.Add(OnnxGraphBuilder.Int("count_include_pad", spec.CountPadding ? 1 : 0));
        }

        builder.Emit(spec.Kind == PoolKind.Max ? "MaxPool" : "AveragePool", node.Name, [Inputs(node)[0]], [node.Name], attributes);
    }
}
