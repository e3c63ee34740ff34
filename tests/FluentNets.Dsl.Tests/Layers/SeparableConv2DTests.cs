using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class SeparableConv2DTests
{
    [Theory]
    [InlineData(56, 64, 128, 3, 1, true, "56x56x128", 8896, 27496448)]
    [InlineData(56, 64, 128, 3, 1, false, "56x56x128", 8768, 27496448)]
    [InlineData(19, 728, 728, 3, 1, true, "19x19x728", 537264, 193689496)]
    [InlineData(8, 4, 16, 3, 2, true, "8x8x16", 216, 12800)]
    public void ParamsAreDepthwiseKernelsPlusPointwiseKernelsPlusOneBias(
        int size, int channels, int filters, int kernel, int multiplier, bool bias, string shape, long parameters, long macs)
    {
        var node = Net.Input(size, size, channels).SeparableConv(filters, kernel, pad: Padding.Same, depthMultiplier: multiplier, bias: bias).Node;

        Assert.Equal(shape, node.Shape.ToString());
        Assert.Equal(new ParamCount(parameters, 0), node.Params);
        Assert.Equal(macs, node.Macs);
    }

    [Theory]
    [InlineData(0, 1, "separable_conv2d: filters must be positive. Received: filters=0.")]
    [InlineData(8, 0, "separable_conv2d: depthMultiplier must be positive. Received: depthMultiplier=0.")]
    public void ArgumentsAreCheckedAtTheCall(int filters, int multiplier, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 8).SeparableConv(filters, 3, depthMultiplier: multiplier));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ASeparableKernelThatDoesNotFitIsCalledAKernel()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(4, 4, 3).SeparableConv(8, 5));

        Assert.Equal(
            "separable_conv2d: kernel 5x5 does not fit input 4x4x3 with valid padding: (4 - 5 + 0)/1 + 1 = 0. Use pad: Padding.Same or a smaller kernel.",
            error.Message);
        Assert.Equal("SeparableConv2D", new SeparableConv2D(8, 5, 1, Padding.Valid, 1, 1, true, Activation.None).KerasType);
    }
}
