using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>
/// Normalization as Keras computes it, (x - mean) / max(sqrt(variance), 1e-7): <c>Sub</c>, <c>Sqrt</c>,
/// <c>Max</c> and <c>Div</c>, the mean and variance the layer's saved state (initializers named as the
/// weights, viewed per channel) or its constants.
/// </summary>
internal sealed class NormalizationOnnx : OnnxLayer<Normalization>
{
    /// <inheritdoc />
    protected override void Emit(Normalization spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        bool image = node.Shape.IsImage;
        int c = node.Shape.Channels;
        int[]? view = image ? [c, 1, 1] : null;
        string mean = spec.Learned ? builder.Initializer($"{name}.mean", view) : builder.PerChannel($"{name}/mean", spec.Mean!, image);
        string variance = spec.Learned ? builder.Initializer($"{name}.variance", view) : builder.PerChannel($"{name}/variance", spec.Variance!, image);
        string centred = $"{name}/centred", deviation = $"{name}/deviation", divisor = $"{name}/divisor";
        builder.Emit("Sub", centred, [Inputs(node)[0], mean], [centred], []);
        builder.Emit("Sqrt", deviation, [variance], [deviation], []);
        builder.Emit("Max", divisor, [deviation, builder.Scalar($"{name}/epsilon", Normalization.Epsilon)], [divisor], []);
        builder.Emit("Div", name, [centred, divisor], [name], []);
    }
}
