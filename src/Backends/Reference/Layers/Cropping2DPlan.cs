using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Cropping2D: the rows and columns that remain.</summary>
internal sealed class Cropping2DPlan : LayerPlan<Cropping2D>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Cropping2D spec, PlanContext<T> context) =>
        (x, _) => ReshapeKernel.Crop(x[0], spec.Top, spec.Bottom, spec.Left, spec.Right);
}
