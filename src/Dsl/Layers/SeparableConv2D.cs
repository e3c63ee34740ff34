namespace FluentNets.Layers;

/// <summary>
/// A depthwise-separable convolution (Keras <c>SeparableConv2D</c>): a depthwise convolution
/// followed by a 1x1 pointwise convolution, with one bias after the pointwise step.
/// </summary>
/// <param name="Filters">Output channels of the pointwise step.</param>
/// <param name="Kernel">Depthwise kernel size.</param>
/// <param name="Stride">Depthwise stride.</param>
/// <param name="Padding">Border handling of the depthwise step.</param>
/// <param name="DepthMultiplier">Depthwise output channels per input channel.</param>
/// <param name="Dilation">Depthwise dilation.</param>
/// <param name="UseBias">Whether the pointwise step adds a bias.</param>
/// <param name="Activation">Fused activation.</param>
public sealed record SeparableConv2D(int Filters, Size2 Kernel, Size2 Stride, Padding Padding, int DepthMultiplier, Size2 Dilation, bool UseBias, Activation Activation)
    : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "SeparableConv2D";

    /// <inheritdoc />
    public override string NamePrefix => "separable_conv2d";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Filters > 0, $"filters must be positive. Received: filters={Filters}.");
        context.Require(DepthMultiplier > 0, $"depthMultiplier must be positive. Received: depthMultiplier={DepthMultiplier}.");
        var (window, h, w) = ShapeRules.Resolve(context, "kernel", Kernel, Stride, Dilation, Padding);
        return new LayerOutput(Shape.Image(h, w, Filters), window);
    }

    /// <inheritdoc />
    public override ParamCount Params(IReadOnlyList<Shape> inputs, Shape output)
    {
        long depthwise = (long)inputs[0].Channels * DepthMultiplier;
        return new(Kernel.H * Kernel.W * depthwise + depthwise * Filters + (UseBias ? Filters : 0), 0);
    }

    /// <inheritdoc />
    public override long Macs(IReadOnlyList<Shape> inputs, Shape output)
    {
        long positions = (long)output.Height * output.Width;
        long depthwise = (long)inputs[0].Channels * DepthMultiplier;
        return positions * depthwise * Kernel.H * Kernel.W + positions * depthwise * Filters;
    }
}
