using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>
/// PyTorch's adaptive average pooling: an AveragePool when every bin has one size and stride (the output
/// divides the input), otherwise the mean over each axis's bins as two MatMuls with averaging matrices,
/// (N, C, H, W) x (W, O_w) then (O_h, H) x that, since every bin is a product of a row and a column range.
/// </summary>
internal sealed class AdaptiveAveragePooling2DOnnx : OnnxLayer<AdaptiveAveragePooling2D>
{
    /// <inheritdoc />
    protected override void Emit(AdaptiveAveragePooling2D spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name, input = Inputs(node)[0];
        var from = node.Inputs[0].Shape;
        var to = spec.OutputSize;
        if (from.Height % to.H == 0 && from.Width % to.W == 0)
        {
            int kh = from.Height / to.H, kw = from.Width / to.W;
            builder.Emit("AveragePool", name, [input], [name],
                [OnnxGraphBuilder.Ints("kernel_shape", kh, kw), OnnxGraphBuilder.Ints("strides", kh, kw), OnnxGraphBuilder.Ints("pads", 0, 0, 0, 0)]);
            return;
        }

        string columns = builder.Constant($"{name}/column_bins", [from.Width, to.W], AveragingMatrix(from.Width, to.W, transposed: true));
        string rows = builder.Constant($"{name}/row_bins", [to.H, from.Height], AveragingMatrix(from.Height, to.H, transposed: false));
        string across = $"{name}/columns";
        builder.Emit("MatMul", across, [input, columns], [across], []);
        builder.Emit("MatMul", name, [rows, across], [name], []);
    }

    /// <summary>Row i holds 1/|bin i| over bin i's cells (O x N), or its transpose (N x O).</summary>
    private static float[] AveragingMatrix(int n, int output, bool transposed)
    {
        var values = new float[n * output];
        for (int i = 0; i < output; i++)
        {
            var (start, end) = ShapeRules.AdaptiveBin(i, n, output);
            for (int j = start; j < end; j++)
            {
                values[transposed ? j * output + i : i * n + j] = 1f / (end - start);
            }
        }

        return values;
    }
}
