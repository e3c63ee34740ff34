using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>
/// Reshape in Keras's (H, W, C) order: an image goes channels-last (<c>Transpose</c>) and is flattened; a
/// vector is reshaped to (N, H, W, C) and transposed to channels-first; a vector to a vector is the identity.
/// </summary>
internal sealed class ReshapeOnnx : OnnxLayer<Reshape>
{
    /// <inheritdoc />
    protected override void Emit(Reshape spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name, input = Inputs(node)[0], channelsLast = $"{name}/channels_last";
        var target = spec.Target;
        if (node.Inputs[0].Shape.IsImage)
        {
            builder.Emit("Transpose", channelsLast, [input], [channelsLast], [OnnxGraphBuilder.Ints("perm", 0, 2, 3, 1)]);
            builder.Emit("Flatten", name, [channelsLast], [name], [OnnxGraphBuilder.Int("axis", 1)]);
            return;
        }

        if (!target.IsImage)
        {
            builder.Emit("Identity", name, [input], [name], []);
            return;
        }

        // A 0 in Reshape's shape keeps that axis of the input: the batch size.
        builder.Emit("Reshape", name, [input, builder.Int64s($"{name}/shape", 0, target.Height, target.Width, target.Channels)], [channelsLast], []);
        builder.Emit("Transpose", $"{name}/channels_first", [channelsLast], [name], [OnnxGraphBuilder.Ints("perm", 0, 3, 1, 2)]);
    }
}
