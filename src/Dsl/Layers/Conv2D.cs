using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>A 2-D convolution (Keras <c>Conv2D</c>, PyTorch <c>Conv2d</c>).</summary>
/// <param name="Filters">Output channels.</param>
/// <param name="Kernel">Kernel size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Padding">Border handling.</param>
/// <param name="Dilation">Dilation.</param>
/// <param name="Groups">Channel groups; input and output channels must divide by it.</param>
/// <param name="UseBias">Whether a bias is added.</param>
/// <param name="Activation">Fused activation.</param>
/// <param name="L2">L2 kernel regularisation factor (Keras <c>kernel_regularizer=l2(x)</c>); 0 for none.</param>
public sealed record Conv2D(int Filters, Size2 Kernel, Size2 Stride, Padding Padding, Size2 Dilation, int Groups, bool UseBias, Activation Activation, double L2)
    : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Conv2D";

    /// <inheritdoc />
    public override string NamePrefix => "conv2d";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Filters > 0, $"filters must be positive. Received: filters={Filters}.");
        context.Require(Groups > 0, $"groups must be positive. Received: groups={Groups}.");
        context.Require(L2 >= 0, $"l2 must not be negative. Received: l2={L2}.");
        context.RequireActivation(Activation);
        int channels = context.Input.Channels;
        if (channels % Groups != 0 || Filters % Groups != 0)
        {
            throw context.Fail($"groups {Groups} must divide input channels {channels} and filters {Filters}.");
        }

        var (window, h, w) = ShapeRules.Resolve(context, "kernel", Kernel, Stride, Dilation, Padding);
        return new LayerOutput(Shape.Image(h, w, Filters), window);
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        int[] kernel = [Filters, inputs[0].Channels / Groups, Kernel.H, Kernel.W];
        long taps = (long)Kernel.H * Kernel.W;
        var weight = new ParameterSpec("weight", kernel, new GlorotUniform(kernel[1] * taps, Filters * taps), KerasWeight.ConvolutionKernel("kernel", kernel), L2: L2);
        return UseBias ? [weight, ParameterSpec.Plain("bias", "bias", [Filters], Initializer.Zeros)] : [weight];
    }

    /// <inheritdoc />
    public override long Macs(IReadOnlyList<Shape> inputs, Shape output) =>
        (long)output.Height * output.Width * Filters * Kernel.H * Kernel.W * inputs[0].Channels / Groups;

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input.Through(node.Window!);
}
