using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Global max or average pooling over the spatial axes, to (N, C) or, keeping the axes, (N, C, 1, 1).</summary>
internal sealed class GlobalPooling2DLowering : LayerLowering<GlobalPooling2D>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(GlobalPooling2D spec, LoweringContext context)
    {
        bool keep = spec.KeepDims;
        return spec.Kind == PoolKind.Max
            ? Function(context, (x, _) => x[0].amax([2, 3], keepdim: keep))
            : Function(context, (x, _) => x[0].mean([2, 3], keepdim: keep));
    }
}
