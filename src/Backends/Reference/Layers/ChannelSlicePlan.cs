using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>ChannelSlice: channels start to start + count - 1.</summary>
internal sealed class ChannelSlicePlan : LayerPlan<ChannelSlice>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(ChannelSlice spec, PlanContext<T> context) =>
        (x, _) => ReshapeKernel.Channels(x[0], spec.Count, c => spec.Start + c);
}
