using FluentNets.Layers;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>AdaptiveAveragePooling2D: <c>F.adaptive_avg_pool2d</c>.</summary>
internal sealed class AdaptiveAveragePooling2DLowering : LayerLowering<AdaptiveAveragePooling2D>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(AdaptiveAveragePooling2D spec, LoweringContext context)
    {
        long[] size = [spec.OutputSize.H, spec.OutputSize.W];
        return Function(context, (x, _) => F.adaptive_avg_pool2d(x[0], size));
    }
}
