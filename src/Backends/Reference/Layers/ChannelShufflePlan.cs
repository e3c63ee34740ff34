using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>ChannelShuffle: output channel i * groups + g is input channel g * (C / groups) + i.</summary>
internal sealed class ChannelShufflePlan : LayerPlan<ChannelShuffle>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(ChannelShuffle spec, PlanContext<T> context)
    {
        int channels = context.Shape.Channels, groups = spec.Groups, perGroup = channels / groups;
        return (x, _) => ReshapeKernel.Channels(x[0], channels, c => c % groups * perGroup + c / groups);
    }
}
