using FluentNets.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>ScaledAdd: x + scale * r in one <c>add</c> with <c>alpha</c>.</summary>
internal sealed class ScaledAddLowering : LayerLowering<ScaledAdd>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(ScaledAdd spec, LoweringContext context)
    {
        var scale = spec.Scale.ToScalar();
        return Function(context, (x, _) => x[0].add(x[1], scale));
    }
}
