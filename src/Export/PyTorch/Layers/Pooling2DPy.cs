using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>
/// Keras's pooling (padding neither wins a max nor counts in an average) as nn.MaxPool2d/nn.AvgPool2d
/// or PaddedPool2d for uneven pads; PyTorch's ceil mode and counted padding as nn.MaxPool2d/nn.AvgPool2d's
/// own, which take only even pads.
/// </summary>
[NoExactForm("nn.MaxPool2d and nn.AvgPool2d take one pad per axis, so ceil mode or counted padding with uneven pads has no form")]
internal sealed class Pooling2DPy : PyLayer<Pooling2D>
{
    /// <inheritdoc />
    protected override string? Module(Pooling2D spec, Node node)
    {
        var w = ModelPy.Window(node);
        string kind = spec.Kind == PoolKind.Max ? "MaxPool2d" : "AvgPool2d";
        if (!spec.CeilMode && !spec.CountPadding)
        {
            return w.IsUnpadded
                ? $"nn.{kind}({ModelPy.Pair(w.Kernel)}, {ModelPy.Pair(w.Stride)})"
                : $"PaddedPool2d(\"{(spec.Kind == PoolKind.Max ? "max" : "avg")}\", {ModelPy.Pair(w.Kernel)}, {ModelPy.Pair(w.Stride)}, {ModelPy.Pads(w)})";
        }

        if (!w.IsSymmetric)
        {
            throw ModelPy.Unsupported(node,
                $"nn.{kind} takes one pad per axis, and ceil mode or counted padding with uneven pads {ModelPy.Pads(w)} (left, right, top, bottom) has no such form");
        }

        string common = $"{ModelPy.Pair(w.Kernel)}, {ModelPy.Pair(w.Stride)}, padding=({w.PadTop}, {w.PadLeft}), ceil_mode={ModelPy.Bool(spec.CeilMode)}";
        return spec.Kind == PoolKind.Max ? $"nn.MaxPool2d({common})" : $"nn.AvgPool2d({common}, count_include_pad={ModelPy.Bool(spec.CountPadding)})";
    }
}
