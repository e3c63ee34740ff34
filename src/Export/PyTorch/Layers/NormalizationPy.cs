using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Normalization: model.py's <c>KerasNormalization</c>, with buffers mean, variance and count, or with the spec's constants.</summary>
internal sealed class NormalizationPy : PyLayer<Normalization>
{
    /// <inheritdoc />
    protected override string? Module(Normalization spec, Node node) =>
        spec.Learned
            ? $"KerasNormalization({InputChannels(node)})"
            : $"KerasNormalization({InputChannels(node)}, mean={ModelPy.Numbers(spec.Mean!)}, variance={ModelPy.Numbers(spec.Variance!)})";
}
