using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>DepthwiseConv2D: a convolution with one group per input channel.</summary>
internal sealed class DepthwiseConv2DPlan : LayerPlan<DepthwiseConv2D>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(DepthwiseConv2D spec, PlanContext<T> context)
    {
        var weight = context.Parameter("weight");
        var bias = context.Optional("bias");
        var (window, shape) = (context.Window, context.Shape);
        return (x, _) => Fused(ConvolutionKernel.Apply(x[0], weight, bias, shape.Channels, groups: x[0].C, window, shape.Height, shape.Width), spec.Activation);
    }
}
