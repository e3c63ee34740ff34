using System.Numerics;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>The input is given, never computed.</summary>
internal sealed class InputLayerPlan : LayerPlan<InputLayer>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(InputLayer spec, PlanContext<T> context) => (x, _) => x[0];
}
