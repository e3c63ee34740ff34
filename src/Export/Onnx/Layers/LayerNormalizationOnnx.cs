using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>
/// LayerNormalization over the channels: opset 17's <c>LayerNormalization</c> on the last axis, of a vector
/// as it is and of an image between a <c>Transpose</c> to channels-last and one back (torchvision's
/// <c>LayerNorm2d</c>). ONNX requires a scale: a unit one stands in where gamma is not learned.
/// </summary>
internal sealed class LayerNormalizationOnnx : OnnxLayer<LayerNormalization>
{
    /// <inheritdoc />
    protected override void Emit(LayerNormalization spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name, input = Inputs(node)[0];
        int c = node.Shape.Channels;
        string scale = spec.Scale ? builder.Initializer($"{name}.weight") : builder.Constant($"{name}/unit_scale", [c], Enumerable.Repeat(1f, c).ToArray());
        string[] operands = spec.Center ? [scale, builder.Initializer($"{name}.bias")] : [scale];
        var attributes = new[] { OnnxGraphBuilder.Int("axis", -1), OnnxGraphBuilder.Float("epsilon", spec.Epsilon) };
        if (!node.Shape.IsImage)
        {
            builder.Emit("LayerNormalization", name, [input, .. operands], [name], attributes);
            return;
        }

        string channelsLast = $"{name}/channels_last", normalised = $"{name}/normalised";
        builder.Emit("Transpose", channelsLast, [input], [channelsLast], [OnnxGraphBuilder.Ints("perm", 0, 2, 3, 1)]);
        builder.Emit("LayerNormalization", name, [channelsLast, .. operands], [normalised], attributes);
        builder.Emit("Transpose", $"{name}/channels_first", [normalised], [name], [OnnxGraphBuilder.Ints("perm", 0, 3, 1, 2)]);
    }
}
