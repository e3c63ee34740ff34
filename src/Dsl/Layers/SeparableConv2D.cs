using FluentNets.Analysis;
using FluentNets.Graph;

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
        context.RequireActivation(Activation);
        var (window, h, w) = ShapeRules.Resolve(context, "kernel", Kernel, Stride, Dilation, Padding);
        return new LayerOutput(Shape.Image(h, w, Filters), window);
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        // Keras: depthwise kernel (Kh, Kw, C, M), pointwise kernel (1, 1, C * M, F).
        int channels = inputs[0].Channels;
        int middle = channels * DepthMultiplier;
        int[] depthwise = [middle, 1, Kernel.H, Kernel.W];
        int[] pointwise = [Filters, middle, 1, 1];
        long taps = (long)Kernel.H * Kernel.W;
        ParameterSpec[] weights =
        [
            new("depthwise.weight", depthwise, new GlorotUniform(channels * taps, DepthMultiplier * taps), KerasWeight.DepthwiseKernel(depthwise, DepthMultiplier) with { Aliases = Array.Empty<string>() }),
            new("pointwise.weight", pointwise, new GlorotUniform(middle, Filters), KerasWeight.ConvolutionKernel("pointwise_kernel", pointwise)),
        ];
        return UseBias ? [.. weights, ParameterSpec.Plain("bias", "bias", [Filters], Initializer.Zeros)] : weights;
    }

    /// <inheritdoc />
    public override long Macs(IReadOnlyList<Shape> inputs, Shape output)
    {
        long positions = (long)output.Height * output.Width;
        long depthwise = (long)inputs[0].Channels * DepthMultiplier;
        return positions * depthwise * Kernel.H * Kernel.W + positions * depthwise * Filters;
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input.Through(node.Window!);
}
