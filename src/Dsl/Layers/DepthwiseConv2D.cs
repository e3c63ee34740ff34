using FluentNets.Analysis;
using FluentNets.Graph;

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
        context.RequireActivation(Activation);
        var (window, h, w) = ShapeRules.Resolve(context, "kernel", Kernel, Stride, Dilation, Padding);
        return new LayerOutput(Shape.Image(h, w, context.Input.Channels * DepthMultiplier), window);
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        // Keras's depthwise kernel is (Kh, Kw, C, M): its fans are C * Kh * Kw and M * Kh * Kw.
        int[] kernel = [output.Channels, 1, Kernel.H, Kernel.W];
        long taps = (long)Kernel.H * Kernel.W;
        var weight = new ParameterSpec(
            "weight", kernel, new GlorotUniform(inputs[0].Channels * taps, DepthMultiplier * taps), KerasWeight.DepthwiseKernel(kernel, DepthMultiplier));
        return UseBias ? [weight, ParameterSpec.Plain("bias", "bias", [output.Channels], Initializer.Zeros)] : [weight];
    }

    /// <inheritdoc />
    public override long Macs(IReadOnlyList<Shape> inputs, Shape output) =>
        (long)output.Height * output.Width * output.Channels * Kernel.H * Kernel.W;

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input.Through(node.Window!);
}
