using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>SeparableConv2D: the depthwise step, the 1x1 pointwise step with the one bias, then the fused activation.</summary>
internal sealed class SeparableConv2DPlan : LayerPlan<SeparableConv2D>
{
    private static readonly Window2D Pointwise = new(1, 1, 1, 0, 0, 0, 0);

    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(SeparableConv2D spec, PlanContext<T> context)
    {
        var depthwise = context.Parameter("depthwise.weight");
        var pointwise = context.Parameter("pointwise.weight");
        var bias = context.Optional("bias");
        var (window, shape) = (context.Window, context.Shape);
        return (x, _) =>
        {
            var mid = ConvolutionKernel.Apply(x[0], depthwise, null, x[0].C * spec.DepthMultiplier, groups: x[0].C, window, shape.Height, shape.Width);
            return Fused(ConvolutionKernel.Apply(mid, pointwise, bias, spec.Filters, 1, Pointwise, shape.Height, shape.Width), spec.Activation);
        };
    }
}
