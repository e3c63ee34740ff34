using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>Global pooling: <c>GlobalMaxPool</c> or <c>GlobalAveragePool</c> to (N, C, 1, 1), then a <c>Flatten</c> to (N, C) unless the dimensions are kept.</summary>
internal sealed class GlobalPooling2DOnnx : OnnxLayer<GlobalPooling2D>
{
    /// <inheritdoc />
    protected override void Emit(GlobalPooling2D spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        string op = spec.Kind == PoolKind.Max ? "GlobalMaxPool" : "GlobalAveragePool";
        if (spec.KeepDims)
        {
            builder.Emit(op, name, [Inputs(node)[0]], [name], []);
            return;
        }

        string pooled = $"{name}/pooled";
        builder.Emit(op, name, [Inputs(node)[0]], [pooled], []);
        builder.Emit("Flatten", $"{name}/flatten", [pooled], [name], [OnnxGraphBuilder.Int("axis", 1)]);
    }
}
