using System.Numerics;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>LayerScale: each channel times its learned factor.</summary>
internal sealed class LayerScalePlan : LayerPlan<LayerScale>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(LayerScale spec, PlanContext<T> context)
    {
        var gamma = context.Parameter("");
        return (x, _) => PerChannel.Map(x[0], c => (gamma[c], T.Zero));
    }
}
