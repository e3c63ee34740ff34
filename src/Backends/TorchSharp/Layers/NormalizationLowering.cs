using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Normalization: (x - mean) / max(sqrt(variance), 1e-7), the mean and variance the declared state or the
/// spec's constants, as Keras 3's <c>Normalization.call</c>.
/// </summary>
internal sealed class NormalizationLowering : LayerLowering<Normalization>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(Normalization spec, LoweringContext context)
    {
        bool image = context.Node.Shape.IsImage;
        var mean = spec.Learned ? Constants.Broadcast(context.Parameter("mean"), image) : Constants.PerChannel(spec.Mean!, image, context.Device);
        var variance = spec.Learned ? Constants.Broadcast(context.Parameter("variance"), image) : Constants.PerChannel(spec.Variance!, image, context.Device);
        return Function(context, (x, _) =>
        {
            using var deviation = variance.sqrt();
            using var divisor = deviation.clamp_min(Normalization.Epsilon);
            var centred = x[0].sub(mean);
            return centred.div_(divisor);
        });
    }
}
