using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Add: the element-wise sum of the inputs; in place into the first where nothing else reads it, in a network compiled for inference.</summary>
internal sealed class AddLowering : LayerLowering<Add>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Add spec, LoweringContext context) =>
        Function(context, (x, _) => Merges.Combine(x, (a, b) => a.add(b))) with
        {
            InPlace = x => Merges.Accumulate(x, (sum, b) => sum.add_(b)),
        };
}
