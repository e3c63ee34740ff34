using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>BatchNormalization in its inference form, a unit scale or zero shift standing in for one not learned.</summary>
internal sealed class BatchNormalizationOnnx : OnnxLayer<BatchNormalization>
{
    /// <inheritdoc />
    protected override void Emit(BatchNormalization spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        int c = node.Shape.Channels;
        string scale = spec.Scale ? builder.Initializer($"{name}.weight") : builder.Constant($"{name}/unit_scale", [c], Enumerable.Repeat(1f, c).ToArray());
        string shift = spec.Center ? builder.Initializer($"{name}.bias") : builder.Constant($"{name}/zero_shift", [c], new float[c]);
        builder.Emit("BatchNormalization", name, [Inputs(node)[0], scale, shift, builder.Initializer($"{name}.running_mean"), builder.Initializer($"{name}.running_var")], [name],
            [OnnxGraphBuilder.Float("epsilon", spec.Epsilon)]);
    }
}
