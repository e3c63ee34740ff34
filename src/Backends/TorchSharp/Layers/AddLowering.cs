using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Add: the element-wise sum of the inputs.</summary>
internal sealed class AddLowering : LayerLowering<Add>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Add spec, LoweringContext context) => Function(context, (x, _) => Merges.Combine(x, (a, b) => a.add(b)));
}
