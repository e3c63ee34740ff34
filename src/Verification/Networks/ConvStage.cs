using FluentNets.Activations;
using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>A <c>Conv2D</c>, possibly grouped, dilated or with a fused activation.</summary>
/// <param name="Filters">Output channels.</param>
/// <param name="Kernel">Kernel size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Padding">Padding.</param>
/// <param name="Dilation">Dilation.</param>
/// <param name="Groups">Channel groups.</param>
/// <param name="Bias">Whether a bias is added.</param>
/// <param name="Activation">Fused activation.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
[Generates(typeof(Conv2D))]
[Generates(typeof(Linear))]
public sealed record ConvStage(
    int Filters, Size2 Kernel, Size2 Stride, Padding Padding, Size2 Dilation, int Groups, bool Bias, Activation Activation, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) =>
        x.Conv(Filters, Kernel, s: Stride, pad: Padding, dilation: Dilation, groups: Groups, bias: Bias, activation: Activation, name: Name);

    /// <inheritdoc />
    public override string ToString() =>
        $".Conv({Filters}, {CSharp.Size(Kernel)}, s: {CSharp.Size(Stride)}, pad: {CSharp.Pad(Padding)}, dilation: {CSharp.Size(Dilation)}, " +
        $"groups: {Groups}, bias: {CSharp.Bool(Bias)}, activation: {CSharp.Activation(Activation)}{CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, "conv2d");
        var (h, w) = Oracle.WindowOutput(input.Height, input.Width, Kernel, Stride, Dilation, Padding);
        if (h < 1 || w < 1)
        {
            return scope.Fail(name, input);
        }

        scope.Layer(
            name,
            Shape.Image(h, w, Filters),
            Oracle.ConvParams(Kernel, input.Channels, Groups, Filters, Bias),
            macs: Oracle.ConvMacs(h, w, Filters, Kernel, input.Channels, Groups));
        return new ImageDims(h, w, Filters);
    }
}
