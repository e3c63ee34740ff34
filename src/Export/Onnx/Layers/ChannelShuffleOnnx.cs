using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>
/// ChannelShuffle as torchvision's <c>channel_shuffle</c>: <c>Reshape</c> to (N, g, C / g, H, W), <c>Transpose</c>
/// the group axes, <c>Reshape</c> back (a 0 in a shape keeps the batch size).
/// </summary>
internal sealed class ChannelShuffleOnnx : OnnxLayer<ChannelShuffle>
{
    /// <inheritdoc />
    protected override void Emit(ChannelShuffle spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name, grouped = $"{name}/grouped", swapped = $"{name}/swapped";
        var s = node.Shape;
        builder.Emit("Reshape", grouped, [Inputs(node)[0], builder.Int64s($"{name}/grouped_shape", 0, spec.Groups, s.Channels / spec.Groups, s.Height, s.Width)], [grouped], []);
        builder.Emit("Transpose", swapped, [grouped], [swapped], [OnnxGraphBuilder.Ints("perm", 0, 2, 1, 3, 4)]);
        builder.Emit("Reshape", name, [swapped, builder.Int64s($"{name}/shape", 0, s.Channels, s.Height, s.Width)], [name], []);
    }
}
