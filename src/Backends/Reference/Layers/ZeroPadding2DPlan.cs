using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>ZeroPadding2D: the map placed in a larger one of zeros.</summary>
internal sealed class ZeroPadding2DPlan : LayerPlan<ZeroPadding2D>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(ZeroPadding2D spec, PlanContext<T> context) =>
        (x, _) => ReshapeKernel.ZeroPad(x[0], spec.Top, spec.Bottom, spec.Left, spec.Right);
}
