using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Reshape between an image and a vector in Keras's (H, W, C) order.</summary>
internal sealed class ReshapePlan : LayerPlan<Reshape>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Reshape spec, PlanContext<T> context)
    {
        var target = spec.Target;
        return target.IsImage
            ? (x, _) => ReshapeKernel.ToImage(x[0], target.Height, target.Width)
            : (x, _) => x[0].IsImage ? ReshapeKernel.Flatten(x[0]) : x[0];
    }
}
