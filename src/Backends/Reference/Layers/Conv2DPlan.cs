using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Conv2D by direct summation over its window, then the fused activation.</summary>
internal sealed class Conv2DPlan : LayerPlan<Conv2D>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Conv2D spec, PlanContext<T> context)
    {
        var weight = context.Parameter("weight");
        var bias = context.Optional("bias");
        var (window, shape) = (context.Window, context.Shape);
        return (x, _) => Fused(ConvolutionKernel.Apply(x[0], weight, bias, spec.Filters, spec.Groups, window, shape.Height, shape.Width), spec.Activation);
    }
}
