using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>LocalResponseNormalization: <c>nn.LocalResponseNorm</c>.</summary>
internal sealed class LocalResponseNormalizationPy : PyLayer<LocalResponseNormalization>
{
    /// <inheritdoc />
    protected override string? Module(LocalResponseNormalization spec, Node node) =>
        $"nn.LocalResponseNorm({spec.Size}, alpha={ModelPy.Number(spec.Alpha)}, beta={ModelPy.Number(spec.Beta)}, k={ModelPy.Number(spec.K)})";
}
