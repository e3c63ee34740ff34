using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>BatchNormalization: model.py's <c>BatchNorm</c>, Keras's with gamma and beta each optional; PyTorch's momentum is 1 - Keras's.</summary>
internal sealed class BatchNormalizationPy : PyLayer<BatchNormalization>
{
    /// <inheritdoc />
    protected override string? Module(BatchNormalization spec, Node node) =>
        $"BatchNorm({InputChannels(node)}, eps={ModelPy.Number(spec.Epsilon)}, momentum={ModelPy.Number(1 - spec.Momentum)}, scale={ModelPy.Bool(spec.Scale)}, center={ModelPy.Bool(spec.Center)})";
}
