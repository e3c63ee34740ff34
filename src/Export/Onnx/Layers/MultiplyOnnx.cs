using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>Multiply: a chain of <c>Mul</c>s, a C-vector scaling an image unsqueezed to (N, C, 1, 1) first.</summary>
internal sealed class MultiplyOnnx : OnnxLayer<Layers.Multiply>
{
    /// <inheritdoc />
    protected override void Emit(Layers.Multiply spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        var factors = Inputs(node).Select((input, i) =>
        {
            if (!node.Shape.IsImage || node.Inputs[i].Shape.IsImage)
            {
                return input;
            }

            string view = $"{name}/unsqueeze_{i}";
            builder.Emit("Unsqueeze", view, [input, builder.Int64Constant($"{name}/spatial_axes", [2], [2, 3])], [view], []);
            return view;
        }).ToArray();
        string product = factors[0];
        for (int i = 1; i < factors.Length; i++)
        {
            string next = i == factors.Length - 1 ? name : $"{name}/product_{i}";
            builder.Emit("Mul", next, [product, factors[i]], [next], []);
            product = next;
        }

        if (factors.Length == 1)
        {
            builder.Emit("Identity", name, factors, [name], []);
        }
    }
}
