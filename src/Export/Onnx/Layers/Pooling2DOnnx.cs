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
        var window = OnnxGraphBuilder.Window(node);
        var attributes = OnnxGraphBuilder.WindowAttributes(window, dilated: false).ToList();
        if (spec.Kind == PoolKind.Max && window is { PadTop: 0, PadLeft: 0, PadBottom: 0, PadRight: 0 })
        {
            // An unpadded MaxPool says auto_pad VALID instead of zero pads: ONNX Runtime's PadFusion moves a zero Pad
            // into a MaxPool with explicit pads, where padded cells count as -inf, not 0 (ResNet50V2's stem, a
            // ZeroPadding2D and a MaxPool over negative values, came out 3e-3 off), and leaves an auto_pad one alone.
            attributes.RemoveAll(a => a.Name == "pads");
            attributes.Add(OnnxGraphBuilder.String("auto_pad", "VALID"));
        }
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
