using FluentNets.Layers;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// SeparableConv2D: the depthwise step (no bias), the 1x1 pointwise step (no bias), then one bias after
/// both and the fused activation, as Keras's <c>SeparableConv2D</c>.
/// </summary>
internal sealed class SeparableConv2DLowering : LayerLowering<SeparableConv2D>
{
    private static readonly Window2D Pointwise = new(new Size2(1, 1), new Size2(1, 1), new Size2(1, 1), 0, 0, 0, 0);

    /// <inheritdoc />
    protected override LoweredNode Lower(SeparableConv2D spec, LoweringContext context)
    {
        var depthwise = new Convolution(context.Parameter("depthwise.weight"), null, context.Window, context.InputChannels, context.InputSize);
        var pointwise = new Convolution(context.Parameter("pointwise.weight"), null, Pointwise, 1, (context.Node.Shape.Height, context.Node.Shape.Width));
        var bias = context.Optional("bias");
        return Activated(context, spec.Activation, x =>
        {
            using var spatial = depthwise.Apply(x);
            var mixed = pointwise.Apply(spatial);
            if (bias is null)
            {
                return mixed;
            }

            using var unbiased = mixed;
            using var column = bias.view(1, -1, 1, 1);
            return unbiased.add(column);
        }, [depthwise, pointwise]);
    }
}
