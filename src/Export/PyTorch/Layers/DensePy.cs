using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Dense: <c>nn.Linear</c>, or on an image <c>ChannelsLinear</c>, then the fused activation.</summary>
internal sealed class DensePy : PyLayer<Dense>
{
    /// <inheritdoc />
    protected override string? Module(Dense spec, Node node) =>
        // On an image Keras's Dense acts on the channels: the same (units, channels) weight, applied channels-last.
        $"{(node.Inputs[0].Shape.IsImage ? "ChannelsLinear" : "nn.Linear")}({InputChannels(node)}, {spec.Units}, bias={ModelPy.Bool(spec.UseBias)})";

    /// <inheritdoc />
    protected override void Forward(Dense spec, PyForward forward) => Activated(forward, spec.Activation);
}
