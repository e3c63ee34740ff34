using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Global pooling: model.py's <c>GlobalPool2d</c> to (N, C), or <c>nn.AdaptiveAvgPool2d(1)</c> / <c>nn.AdaptiveMaxPool2d(1)</c> keeping the dimensions.</summary>
internal sealed class GlobalPooling2DPy : PyLayer<GlobalPooling2D>
{
    /// <inheritdoc />
    protected override string? Module(GlobalPooling2D spec, Node node) =>
        spec.KeepDims ? $"nn.Adaptive{(spec.Kind == PoolKind.Max ? "Max" : "Avg")}Pool2d(1)"
        : $"GlobalPool2d(\"{(spec.Kind == PoolKind.Max ? "max" : "avg")}\")";
}
