using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>The input: the batch as it is given.</summary>
internal sealed class InputLayerLowering : LayerLowering<InputLayer>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(InputLayer spec, LoweringContext context) => Function(context, (x, _) => x[0]);
}
