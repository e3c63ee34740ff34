using FluentNets.Layers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Dropout in training, the identity at inference. Per example (stochastic depth), one Bernoulli draw of
/// the survival probability per example keeps or zeroes its whole tensor, kept ones divided by it, as
/// torchvision's <c>stochastic_depth(mode="row")</c>; the draws come from libtorch's generator, which
/// training seeds.
/// </summary>
internal sealed class DropoutLowering : LayerLowering<Dropout>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Dropout spec, LoweringContext context)
    {
        if (spec.Rate == 0)
        {
            return Function(context, (x, _) => x[0]);
        }

        if (!spec.PerExample)
        {
            return Function(context, (x, training) => F.dropout(x[0], spec.Rate, training));
        }

        double survival = 1 - spec.Rate;
        return Function(context, (x, training) =>
        {
            if (!training)
            {
                return x[0];
            }

            long[] shape = [.. Enumerable.Repeat(1L, (int)x[0].dim())];
            shape[0] = x[0].shape[0];
            using var draws = empty(shape, x[0].dtype, x[0].device).bernoulli_(survival);
            using var mask = draws.div_(survival);
            return x[0].mul(mask);
        });
    }
}
