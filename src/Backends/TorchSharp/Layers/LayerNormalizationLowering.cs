using FluentNets.Layers;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// LayerNormalization over the channels: <c>F.layer_norm</c> on the last axis of an NC vector, or of an
/// image seen channels-last (torchvision's <c>LayerNorm2d</c>).
/// </summary>
internal sealed class LayerNormalizationLowering : LayerLowering<LayerNormalization>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(LayerNormalization spec, LoweringContext context)
    {
        var weight = context.Optional("weight");
        var bias = context.Optional("bias");
        long[] channels = [context.Node.Shape.Channels];
        return Function(context, (x, _) =>
        {
            if (x[0].dim() != 4)
            {
                return F.layer_norm(x[0], channels, weight, bias, spec.Epsilon);
            }

            using var channelsLast = x[0].permute(0, 2, 3, 1);
            using var normalised = F.layer_norm(channelsLast, channels, weight, bias, spec.Epsilon);
            using var channelsFirst = normalised.permute(0, 3, 1, 2);
            return channelsFirst.contiguous();
        });
    }
}
