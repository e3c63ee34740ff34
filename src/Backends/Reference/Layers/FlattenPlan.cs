using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Flatten in Keras's (H, W, C) order, or PyTorch's (C, H, W) when asked.</summary>
internal sealed class FlattenPlan : LayerPlan<Flatten>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Flatten spec, PlanContext<T> context) =>
        spec.Order == FlattenOrder.ChannelsHeightWidth
            ? (x, _) => ReshapeKernel.FlattenChannelsFirst(x[0])
            : (x, _) => ReshapeKernel.Flatten(x[0]);
}
