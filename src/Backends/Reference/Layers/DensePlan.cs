using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>
/// Dense: W x + b on a vector; on an image Keras's Dense acts on the channels at every position, a 1x1
/// convolution whose (F, C, 1, 1) kernel is the (units, in) weight as it is stored.
/// </summary>
internal sealed class DensePlan : LayerPlan<Dense>
{
    private static readonly Window2D Channels = new(1, 1, 1, 0, 0, 0, 0);

    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Dense spec, PlanContext<T> context)
    {
        var weight = context.Parameter("weight");
        var bias = context.Optional("bias");
        var shape = context.Shape;
        return shape.IsImage
            ? (x, _) => Fused(ConvolutionKernel.Apply(x[0], weight, bias, spec.Units, 1, Channels, shape.Height, shape.Width), spec.Activation)
            : (x, _) => Fused(DenseKernel.Apply(x[0], weight, bias, spec.Units), spec.Activation);
    }
}
