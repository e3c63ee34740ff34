namespace FluentNets.Layers;

/// <summary>A depthwise convolution: each input channel convolved with its own <see cref="DepthMultiplier"/> kernels.</summary>
/// <param name="Kernel">Kernel size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Padding">Border handling.</param>
/// <param name="DepthMultiplier">Output channels per input channel.</param>
/// <param name="Dilation">Dilation.</param>
/// <param name="UseBias">Whether a bias is added.</param>
/// <param name="Activation">Fused activation.</param>
public sealed record DepthwiseConv2D(Size2 Kernel, Size2 Stride, Padding Padding, int DepthMultiplier, Size2 Dilation, bool UseBias, Activation Activation)
    : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "DepthwiseConv2D";

    /// <inheritdoc />
    public override string NamePrefix => "depthwise_conv2d";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(DepthMultiplier > 0, $"depthMultiplier must be positive. Received: depthMultiplier={DepthMultiplier}.");
        var (window, h, w) = ShapeRules.Resolve(context, "kernel", Kernel, Stride, Dilation, Padding);
        return new LayerOutput(Shape.Image(h, w, context.Input.Channels * DepthMultiplier), window);
    }

    /// <inheritdoc />
    public override ParamCount Params(IReadOnlyList<Shape> inputs, Shape output) =>
        new((long)Kernel.H * Kernel.W * output.Channels + (UseBias ? output.Channels : 0), 0);

    /// <inheritdoc />
    public override long Macs(IReadOnlyList<Shape> inputs, Shape output) =>
        (long)output.Height * output.Width * output.Channels * Kernel.H * Kernel.W;
}
