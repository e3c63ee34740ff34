using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>An activation layer: its entry in <see cref="ActivationKernel"/>.</summary>
internal sealed class ActivationLayerPlan : LayerPlan<ActivationLayer>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(ActivationLayer spec, PlanContext<T> context) =>
        (x, _) => ActivationKernel.Apply(x[0], spec.Function);
}
