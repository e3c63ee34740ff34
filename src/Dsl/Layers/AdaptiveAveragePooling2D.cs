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
}
