using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>A <c>SeparableConv2D</c>: depthwise, then a 1x1 pointwise convolution and one bias.</summary>
/// <param name="Filters">Output channels.</param>
/// <param name="Kernel">Depthwise kernel size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Padding">Padding.</param>
/// <param name="DepthMultiplier">Depthwise channels per input channel.</param>
/// <param name="Dilation">Dilation.</param>
/// <param name="Bias">Whether a bias is added.</param>
/// <param name="Activation">Fused activation.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
[Generates(typeof(SeparableConv2D))]
public sealed record SeparableStage(
    int Filters, Size2 Kernel, Size2 Stride, Padding Padding, int DepthMultiplier, Size2 Dilation, bool Bias, Activation Activation, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) =>
        x.SeparableConv(Filters, Kernel, s: Stride, pad: Padding, depthMultiplier: DepthMultiplier, dilation: Dilation, bias: Bias, activation: Activation, name: Name);

    /// <inheritdoc />
    public override string ToString() =>
        $".SeparableConv({Filters}, {CSharp.Size(Kernel)}, s: {CSharp.Size(Stride)}, pad: {CSharp.Pad(Padding)}, depthMultiplier: {DepthMultiplier}, " +
        $"dilation: {CSharp.Size(Dilation)}, bias: {CSharp.Bool(Bias)}, activation: {CSharp.Activation(Activation)}{CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, "separable_conv2d");
        var (h, w) = Oracle.WindowOutput(input.Height, input.Width, Kernel, Stride, Dilation, Padding);
        if (h < 1 || w < 1)
        {
            return scope.Fail(name, input);
        }

        scope.Layer(
            name,
            Shape.Image(h, w, Filters),
            Oracle.SeparableParams(Kernel, input.Channels, DepthMultiplier, Filters, Bias),
            macs: Oracle.SeparableMacs(h, w, input.Channels, DepthMultiplier, Filters, Kernel));
        return new ImageDims(h, w, Filters);
    }
}
