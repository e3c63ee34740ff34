using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>ZeroPadding2D: <c>nn.ZeroPad2d</c>, pads in F.pad's order (left, right, top, bottom).</summary>
internal sealed class ZeroPadding2DPy : PyLayer<ZeroPadding2D>
{
    /// <inheritdoc />
    protected override string? Module(ZeroPadding2D spec, Node node) => $"nn.ZeroPad2d(({spec.Left}, {spec.Right}, {spec.Top}, {spec.Bottom}))";
}
