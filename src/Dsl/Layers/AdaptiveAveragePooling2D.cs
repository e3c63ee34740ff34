using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// PyTorch's <c>AdaptiveAvgPool2d</c>: averages each channel over <see cref="OutputSize"/> bins of the
/// input, bin i covering cells floor(i N / O) to ceil((i + 1) N / O) (<see cref="ShapeRules.AdaptiveBin"/>),
/// so the output size is fixed whatever the input size, and neighbouring bins may overlap.
/// </summary>
/// <param name="OutputSize">Output height and width.</param>
public sealed record AdaptiveAveragePooling2D(Size2 OutputSize) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "AdaptiveAveragePooling2D";

    /// <inheritdoc />
    public override string NamePrefix => "adaptive_average_pooling2d";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(
            OutputSize.H > 0 && OutputSize.W > 0, $"output size must be positive. Received: outputSize={OutputSize}.");
        return new LayerOutput(Shape.Image(OutputSize.H, OutputSize.W, context.Input.Channels));
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => Bins(input, node.Inputs[0].Shape);

    /// <summary>
    /// Exact when the output divides the input (bins of N / O cells, N / O apart); otherwise the widest bin,
    /// and the bins' mean spacing rounded down.
    /// </summary>
    private ReceptiveField Bins(ReceptiveField input, Shape source) => new(
        input.Rows.Through(WidestBin(source.Height, OutputSize.H), Math.Max(source.Height / OutputSize.H, 1), 0),
        input.Cols.Through(WidestBin(source.Width, OutputSize.W), Math.Max(source.Width / OutputSize.W, 1), 0));

    private static int WidestBin(int n, int output) => Enumerable.Range(0, output).Max(i =>
    {
        var (start, end) = ShapeRules.AdaptiveBin(i, n, output);
        return end - start;
    });
}
