using FluentNets.Layers;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Local response normalisation across channels: <c>F.local_response_norm</c>.</summary>
internal sealed class LocalResponseNormalizationLowering : LayerLowering<LocalResponseNormalization>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(LocalResponseNormalization spec, LoweringContext context) =>
        Function(context, (x, _) => F.local_response_norm(x[0], spec.Size, spec.Alpha, spec.Beta, spec.K));
}
