using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Concatenate along the channels.</summary>
internal sealed class ConcatenatePlan : LayerPlan<Concatenate>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Concatenate spec, PlanContext<T> context) => (x, _) => MergeKernel.Concatenate(x);
}
