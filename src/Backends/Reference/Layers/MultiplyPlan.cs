using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Multiply: the element-wise product, a C-vector or 1x1xC map scaling each channel of an image.</summary>
internal sealed class MultiplyPlan : LayerPlan<Multiply>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Multiply spec, PlanContext<T> context)
    {
        var shape = context.Shape;
        return (x, _) => MergeKernel.Multiply(x, shape);
    }
}
