using FluentNets.Layers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Dense: <c>F.linear</c> over the declared (units, in) <c>weight</c>; on an image it acts on the channels
/// at every position, as Keras's Dense acts on the last axis.
/// </summary>
internal sealed class DenseLowering : LayerLowering<Dense>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Dense spec, LoweringContext context)
    {
        var weight = context.Parameter("weight");
        var bias = context.Optional("bias");
        return Activated(context, spec.Activation, input =>
        {
            if (input.dim() != 4)
            {
                return F.linear(input, weight, bias);
            }

            using var channelsLast = input.permute(0, 2, 3, 1);
            using var mapped = F.linear(channelsLast, weight, bias);
            using var channelsFirst = mapped.permute(0, 3, 1, 2);
            return channelsFirst.contiguous();
        });
    }
}
