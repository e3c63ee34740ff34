using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>AdaptiveAveragePooling2D: <c>nn.AdaptiveAvgPool2d</c>.</summary>
internal sealed class AdaptiveAveragePooling2DPy : PyLayer<AdaptiveAveragePooling2D>
{
    /// <inheritdoc />
    protected override string? Module(AdaptiveAveragePooling2D spec, Node node) => $"nn.AdaptiveAvgPool2d({ModelPy.Pair(spec.OutputSize)})";
}
