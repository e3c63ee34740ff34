using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>LayerNormalization over the channels: model.py's <c>ChannelsLayerNorm</c> (F.layer_norm, channels-last on an image).</summary>
internal sealed class LayerNormalizationPy : PyLayer<LayerNormalization>
{
    /// <inheritdoc />
    protected override string? Module(LayerNormalization spec, Node node) =>
        $"ChannelsLayerNorm({InputChannels(node)}, eps={ModelPy.Number(spec.Epsilon)}, scale={ModelPy.Bool(spec.Scale)}, center={ModelPy.Bool(spec.Center)})";
}
