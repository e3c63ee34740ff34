using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Add: the element-wise sum.</summary>
internal sealed class AddPlan : LayerPlan<Add>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Add spec, PlanContext<T> context) => (x, _) => MergeKernel.Add(x);
}
