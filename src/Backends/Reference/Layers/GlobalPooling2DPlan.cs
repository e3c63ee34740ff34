using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Global max or average of each channel; with keepdims a 1x1 map of the same values.</summary>
internal sealed class GlobalPooling2DPlan : LayerPlan<GlobalPooling2D>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(GlobalPooling2D spec, PlanContext<T> context)
    {
        Func<Tensor<T>, Tensor<T>> pool = spec.Kind == PoolKind.Max ? PoolingKernel.GlobalMax : PoolingKernel.GlobalAverage;
        return spec.KeepDims ? (x, _) => ReshapeKernel.ToImage(pool(x[0]), 1, 1) : (x, _) => pool(x[0]);
    }
}
