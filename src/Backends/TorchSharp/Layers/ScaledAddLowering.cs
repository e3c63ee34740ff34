using FluentNets.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>ScaledAdd: x + scale * r in one <c>add</c> with <c>alpha</c>; into x where nothing else reads it, in a network compiled for inference.</summary>
internal sealed class ScaledAddLowering : LayerLowering<ScaledAdd>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(ScaledAdd spec, LoweringContext context)
    {
        var scale = spec.Scale.ToScalar();
        return Function(context, (x, _) => x[0].add(x[1], scale)) with
        {
            InPlace = x => Merges.Accumulate(x, (sum, r) => sum.add_(r, scale)),
        };
    }
}
