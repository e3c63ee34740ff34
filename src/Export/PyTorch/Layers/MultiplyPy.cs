using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Multiply: the inputs' product, in forward(); a C-vector scaling an image is viewed as (N, C, 1, 1).</summary>
internal sealed class MultiplyPy : PyLayer<Layers.Multiply>
{
    /// <inheritdoc />
    protected override string? Module(Layers.Multiply spec, Node node) => null;

    /// <inheritdoc />
    protected override void Forward(Layers.Multiply spec, PyForward forward)
    {
        var node = forward.Node;
        var factors = node.Inputs.Select((input, i) => node.Shape.IsImage && !input.Shape.IsImage
            ? $"{forward.Inputs[i]}[:, :, None, None]"
            : forward.Inputs[i]);
        forward.Assign(string.Join(" * ", factors));
    }
}
