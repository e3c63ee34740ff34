using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Conv2D: <c>F.conv2d</c> over the declared <c>weight</c> and <c>bias</c>, then the fused activation.</summary>
internal sealed class Conv2DLowering : LayerLowering<Conv2D>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Conv2D spec, LoweringContext context)
    {
        var convolution = new Convolution(context.Parameter("weight"), context.Optional("bias"), context.Window, spec.Groups, context.InputSize);
        return Activated(context, spec.Activation, convolution.Apply, [convolution]);
    }
}
