using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>AdaptiveAveragePooling2D: the mean over each of PyTorch's bins.</summary>
internal sealed class AdaptiveAveragePooling2DPlan : LayerPlan<AdaptiveAveragePooling2D>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(AdaptiveAveragePooling2D spec, PlanContext<T> context)
    {
        var shape = context.Shape;
        return (x, _) => PoolingKernel.AdaptiveAverage(x[0], shape.Height, shape.Width);
    }
}
