using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>
/// Reshape in Keras's (H, W, C) order: an image to a vector is model.py's <c>ChannelsLastFlatten</c>, a vector
/// to an image its <c>ChannelsLastReshape</c>, a vector to a vector <c>nn.Identity()</c>.
/// </summary>
internal sealed class ReshapePy : PyLayer<Reshape>
{
    /// <inheritdoc />
    protected override string? Module(Reshape spec, Node node)
    {
        var target = spec.Target;
        return node.Inputs[0].Shape.IsImage ? "ChannelsLastFlatten()"
            : target.IsImage ? $"ChannelsLastReshape({target.Height}, {target.Width}, {target.Channels})"
            : "nn.Identity()";
    }
}
