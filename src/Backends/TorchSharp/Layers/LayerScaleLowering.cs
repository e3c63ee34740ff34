using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>LayerScale: the input times the declared per-channel factor, (C, 1, 1) on an image.</summary>
internal sealed class LayerScaleLowering : LayerLowering<LayerScale>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(LayerScale spec, LoweringContext context)
    {
        var gamma = context.Parameter("");
        return Function(context, (x, _) => x[0].mul(gamma));
    }
}
