using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>Flatten in Keras's (H, W, C) order (a <c>Transpose</c> to channels-last first) or PyTorch's (C, H, W); the identity on a vector.</summary>
internal sealed class FlattenOnnx : OnnxLayer<Layers.Flatten>
{
    /// <inheritdoc />
    protected override void Emit(Layers.Flatten spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name, input = Inputs(node)[0];
        if (!node.Inputs[0].Shape.IsImage)
        {
            builder.Emit("Identity", name, [input], [name], []);
            return;
        }

        if (spec.Order == FlattenOrder.ChannelsHeightWidth)
        {
            // PyTorch's order is ONNX's own (N, C, H, W) layout read row by row: no transpose.
            builder.Emit("Flatten", name, [input], [name], [OnnxGraphBuilder.Int("axis", 1)]);
            return;
        }

        // Keras flattens (H, W, C): go channels-last first, so a following Dense sees Keras's order.
        builder.Emit("Transpose", $"{name}/channels_last", [input], [$"{name}/channels_last"], [OnnxGraphBuilder.Ints("perm", 0, 2, 3, 1)]);
        builder.Emit("Flatten", name, [$"{name}/channels_last"], [name], [OnnxGraphBuilder.Int("axis", 1)]);
    }
}
