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

    [Fact]
    public void TheWeightsAreKerasDepthwiseThenPointwiseKernel()
    {
        // Xception's middle flow: SeparableConv2D(728, 3, padding="same", use_bias=False) on 728 channels.
        // Keras: depthwise_kernel (3, 3, 728, 1), pointwise_kernel (1, 1, 728, 728).
        var parameters = Net.Input(19, 19, 728).SeparableConv(728, 3, pad: Padding.Same, bias: false).Node.Parameters;
        var (depthwise, pointwise) = (parameters[0], parameters[1]);

        Assert.Equal(2, parameters.Count);
        Assert.Equal(("depthwise.weight", "depthwise_kernel"), (depthwise.Role, depthwise.Keras.Name));
        Assert.Equal([728, 1, 3, 3], depthwise.Shape);
        Assert.Equal([3, 3, 728, 1], depthwise.Keras.Shape);
        Assert.Equal([2, 3, 0, 1], depthwise.Keras.Permutation);
        Assert.Empty(depthwise.Keras.Aliases);
        Assert.Equal(new GlorotUniform(728 * 9, 9), depthwise.Initializer);
        Assert.Equal(("pointwise.weight", "pointwise_kernel"), (pointwise.Role, pointwise.Keras.Name));
        Assert.Equal([728, 728, 1, 1], pointwise.Shape);
        Assert.Equal([1, 1, 728, 728], pointwise.Keras.Shape);
        Assert.Equal([3, 2, 0, 1], pointwise.Keras.Permutation);
        Assert.Equal(new GlorotUniform(728, 728), pointwise.Initializer);
    }

    [Fact]
    public void TheDepthMultiplierWidensTheMiddleAndTheBiasComesLast()
    {
        var parameters = Net.Input(16, 16, 8).SeparableConv(32, 3, depthMultiplier: 2).Node.Parameters;

        Assert.Equal(["depthwise.weight", "pointwise.weight", "bias"], parameters.Select(p => p.Role));
        Assert.Equal([16, 1, 3, 3], parameters[0].Shape);
        Assert.Equal([3, 3, 8, 2], parameters[0].Keras.Shape);
        Assert.Equal(new GlorotUniform(8 * 9, 2 * 9), parameters[0].Initializer);
        Assert.Equal([32, 16, 1, 1], parameters[1].Shape);
        Assert.Equal(new GlorotUniform(16, 32), parameters[1].Initializer);
        Assert.Equal([32], parameters[2].Shape);
        Assert.Equal(("bias", Initializer.Zeros), (parameters[2].Keras.Name, parameters[2].Initializer));
    }

    [Fact]
    public void AFusedActivationIsKeptOnTheSpec() =>
        Assert.Equal(Activation.Relu, ((SeparableConv2D)Net.Input(8, 8, 3).SeparableConv(8, 3, activation: Activation.Relu).Node.Layer).Activation);

    [Fact]
    public void AFusedActivationsArgumentsAreChecked()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).SeparableConv(8, 3, activation: new Activations.Elu(-1)));

        Assert.Equal("separable_conv2d: alpha of an ELU must not be negative. Received: alpha=-1.", error.Message);
    }
}
