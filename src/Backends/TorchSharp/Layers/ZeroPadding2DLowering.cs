using FluentNets.Layers;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>ZeroPadding2D: <c>F.pad</c> with zeros, (left, right, top, bottom).</summary>
internal sealed class ZeroPadding2DLowering : LayerLowering<ZeroPadding2D>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(ZeroPadding2D spec, LoweringContext context)
    {
        long[] pads = [spec.Left, spec.Right, spec.Top, spec.Bottom];
        return Function(context, (x, _) => F.pad(x[0], pads));
    }
}
