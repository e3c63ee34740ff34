using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>DepthwiseConv2D: a convolution with one group per input channel, each with its multiplier's kernels.</summary>
internal sealed class DepthwiseConv2DLowering : LayerLowering<DepthwiseConv2D>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(DepthwiseConv2D spec, LoweringContext context)
    {
        var convolution = new Convolution(context.Parameter("weight"), context.Optional("bias"), context.Window, context.InputChannels, context.InputSize);
        return Activated(context, spec.Activation, convolution.Apply, [convolution]);
    }
}
