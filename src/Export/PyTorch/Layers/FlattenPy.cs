using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Flatten: model.py's <c>ChannelsLastFlatten</c> in Keras's (H, W, C) order, <c>nn.Flatten(1)</c> in PyTorch's, <c>nn.Identity()</c> on a vector.</summary>
internal sealed class FlattenPy : PyLayer<Layers.Flatten>
{
    /// <inheritdoc />
    protected override string? Module(Layers.Flatten spec, Node node) =>
        !node.Inputs[0].Shape.IsImage ? "nn.Identity()"
        : spec.Order == FlattenOrder.ChannelsHeightWidth ? "nn.Flatten(1)"
        : "ChannelsLastFlatten()";
}
