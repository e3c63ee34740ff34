using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class DepthwiseConv2DTests
{
    [Theory]
    [InlineData(112, 32, 3, 1, 1, "112x112x32", 320, 3612672)]
    [InlineData(112, 32, 3, 2, 1, "56x56x32", 320, 903168)]
    [InlineData(28, 16, 5, 1, 2, "28x28x32", 832, 627200)]
    public void ShapeParamsAndMacs(int size, int channels, int kernel, int stride, int multiplier, string shape, long parameters, long macs)
    {
        var node = Net.Input(size, size, channels).DepthwiseConv(kernel, depthMultiplier: multiplier, s: stride, pad: Padding.Same).Node;

        Assert.Equal(shape, node.Shape.ToString());
        Assert.Equal(new ParamCount(parameters, 0), node.Params);
        Assert.Equal(macs, node.Macs);
    }

    [Fact]
    public void WithoutBiasOnlyTheKernelsCount()
    {
        var node = Net.Input(14, 14, 64).DepthwiseConv(3, pad: Padding.Same, bias: false).Node;

        Assert.Equal(9 * 64, node.Params.Total);
        Assert.Equal("depthwise_conv2d", node.Name);
        Assert.Equal("DepthwiseConv2D", node.Layer.KerasType);
    }

    [Fact]
    public void AKernelThatDoesNotFitIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(2, 2, 8).DepthwiseConv(3));

        Assert.Equal("depthwise_conv2d: kernel 3x3 does not fit input 2x2x8 with valid padding: (2 - 3 + 0)/1 + 1 = 0. Use pad: Padding.Same or a smaller kernel.", error.Message);
    }

    [Fact]
    public void TheDepthMultiplierMustBePositive()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 8).DepthwiseConv(3, depthMultiplier: 0));

        Assert.Equal("depthwise_conv2d: depthMultiplier must be positive. Received: depthMultiplier=0.", error.Message);
    }

    [Fact]
    public void TheKernelIsKerasHeightWidthChannelsMultiplierAndPyTorchGroupedWeight()
    {
        // Keras's DepthwiseConv2D: depthwise_kernel (3, 3, 32, 2); PyTorch's Conv2d(32, 64, 3, groups=32):
        // weight (64, 1, 3, 3); fans C * kh * kw = 288 and M * kh * kw = 18.
        var parameters = Net.Input(112, 112, 32).DepthwiseConv(3, depthMultiplier: 2, pad: Padding.Same).Node.Parameters;
        var (weight, bias) = (parameters[0], parameters[1]);

        Assert.Equal(2, parameters.Count);
        Assert.Equal(("weight", "depthwise_kernel"), (weight.Role, weight.Keras.Name));
        Assert.Equal([64, 1, 3, 3], weight.Shape);
        Assert.Equal([3, 3, 32, 2], weight.Keras.Shape);
        Assert.Equal([2, 3, 0, 1], weight.Keras.Permutation);
        Assert.Equal(["kernel"], weight.Keras.Aliases);
        Assert.Equal(new GlorotUniform(288, 18), weight.Initializer);
        Assert.Equal(("bias", "bias"), (bias.Role, bias.Keras.Name));
        Assert.Equal([64], bias.Shape);
        Assert.Equal(Initializer.Zeros, bias.Initializer);
    }

    [Fact]
    public void WithoutBiasThereIsOnlyTheKernel() =>
        Assert.Equal(["weight"], Net.Input(14, 14, 96).DepthwiseConv(5, pad: Padding.Same, bias: false).Node.Parameters.Select(p => p.Role));

    [Fact]
    public void AFusedActivationIsKeptOnTheSpec() =>
        Assert.Equal(Activation.Relu6, ((DepthwiseConv2D)Net.Input(8, 8, 3).DepthwiseConv(3, activation: Activation.Relu6).Node.Layer).Activation);

    [Fact]
    public void AFusedActivationsArgumentsAreChecked()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).DepthwiseConv(3, activation: new Activations.Relu(MaxValue: -6)));

        Assert.Equal("depthwise_conv2d: max_value of a ReLU cannot be negative. Received: max_value=-6.", error.Message);
    }
}
