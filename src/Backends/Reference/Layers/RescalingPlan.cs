using System.Numerics;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Rescaling: x * scale + offset per channel.</summary>
internal sealed class RescalingPlan : LayerPlan<Rescaling>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Rescaling spec, PlanContext<T> context) =>
        (x, _) => PerChannel.Map(x[0], c => (T.CreateChecked(spec.ScaleOf(c)), T.CreateChecked(spec.OffsetOf(c))));
}
