using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Max or average pooling over each window; padding never wins a max and counts in an average only when asked.</summary>
internal sealed class Pooling2DPlan : LayerPlan<Pooling2D>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Pooling2D spec, PlanContext<T> context)
    {
        var (window, shape) = (context.Window, context.Shape);
        return spec switch
        {
            { Kind: PoolKind.Max } => (x, _) => PoolingKernel.Max(x[0], window, shape.Height, shape.Width),
            { CountPadding: true } => (x, _) => PoolingKernel.AverageCountingPadding(x[0], window, shape.Height, shape.Width),
            _ => (x, _) => PoolingKernel.Average(x[0], window, shape.Height, shape.Width),
        };
    }
}
