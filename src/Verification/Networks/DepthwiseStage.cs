using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>A <c>DepthwiseConv2D</c>.</summary>
/// <param name="Kernel">Kernel size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Padding">Padding.</param>
/// <param name="DepthMultiplier">Output channels per input channel.</param>
/// <param name="Dilation">Dilation.</param>
/// <param name="Bias">Whether a bias is added.</param>
/// <param name="Activation">Fused activation.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
[Generates(typeof(DepthwiseConv2D))]
public sealed record DepthwiseStage(
    Size2 Kernel, Size2 Stride, Padding Padding, int DepthMultiplier, Size2 Dilation, bool Bias, Activation Activation, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) =>
        x.DepthwiseConv(Kernel, DepthMultiplier, s: Stride, pad: Padding, dilation: Dilation, bias: Bias, activation: Activation, name: Name);

    /// <inheritdoc />
    public override string ToString() =>
        $".DepthwiseConv({CSharp.Size(Kernel)}, {DepthMultiplier}, s: {CSharp.Size(Stride)}, pad: {CSharp.Pad(Padding)}, dilation: {CSharp.Size(Dilation)}, " +
        $"bias: {CSharp.Bool(Bias)}, activation: {CSharp.Activation(Activation)}{CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, "depthwise_conv2d");
        var (h, w) = Oracle.WindowOutput(input.Height, input.Width, Kernel, Stride, Dilation, Padding);
        if (h < 1 || w < 1)
        {
            return scope.Fail(name, input);
        }

        int channels = input.Channels * DepthMultiplier;
        scope.Layer(
            name,
            Shape.Image(h, w, channels),
            Oracle.DepthwiseParams(Kernel, input.Channels, DepthMultiplier, Bias),
            macs: Oracle.DepthwiseMacs(h, w, channels, Kernel));
        return new ImageDims(h, w, channels);
    }
}
