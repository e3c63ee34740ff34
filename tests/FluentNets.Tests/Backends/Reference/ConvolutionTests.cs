using FluentNets.Backends.Reference;

namespace FluentNets.Tests.Backends.Reference;

public class ConvolutionTests
{
    private static readonly float[] OneToNine = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void ValidConvolutionSlidesTheKernelAndAddsTheBias(Precision precision)
    {
        var net = Net.Input(3, 3, 1).Conv(1, 2, name: "conv").Compile(precision)
            .With(("conv.weight", [1, 2, 3, 4]), ("conv.bias", [0.5f]));

        // [[1 2 3] [4 5 6] [7 8 9]] * [[1 2] [3 4]]: 1+4+12+20, 2+6+15+24, 4+10+21+32, 5+12+24+36.
        Assert.Equal([37.5f, 47.5f, 67.5f, 77.5f], net.Run(OneToNine));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void SamePaddingPutsTheOddZeroRowAndColumnAtTheBottomAndRight(Precision precision)
    {
        // 3x3 input, 2x2 kernel, stride 1: one row and column of padding, both after.
        var net = Net.Input(3, 3, 1).Conv(1, 2, pad: Padding.Same, bias: false, name: "conv").Compile(precision)
            .With(("conv.weight", [1, 1, 1, 1]));

        Assert.Equal(
            [
                1 + 2 + 4 + 5, 2 + 3 + 5 + 6, 3 + 6,
                4 + 5 + 7 + 8, 5 + 6 + 8 + 9, 6 + 9,
                7 + 8, 8 + 9, 9,
            ],
            net.Run(OneToNine));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void StrideAndExplicitPaddingPickEveryOtherWindow(Precision precision)
    {
        // (3 - 3 + 2)/2 + 1 = 2: windows centred on the four corners.
        var net = Net.Input(3, 3, 1).Conv(1, 3, s: 2, pad: Padding.Explicit(1), bias: false, name: "conv").Compile(precision)
            .With(("conv.weight", [1, 1, 1, 1, 1, 1, 1, 1, 1]));

        Assert.Equal([1 + 2 + 4 + 5, 2 + 3 + 5 + 6, 4 + 5 + 7 + 8, 5 + 6 + 8 + 9], net.Run(OneToNine));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void DilationSpreadsTheTaps(Precision precision)
    {
        var net = Net.Input(3, 3, 1).Conv(1, 2, dilation: 2, bias: false, name: "conv").Compile(precision)
            .With(("conv.weight", [1, 10, 100, 1000]));

        Assert.Equal([1 + 30 + 700 + 9000], net.Run(OneToNine));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void InputChannelsAreReadFromTheirPlanes(Precision precision)
    {
        // A 1x2 image with channels (1, 3) and (2, 4); NCHW holds the planes [1 2] [3 4].
        var net = Net.Input(1, 2, 2).Conv(1, 1, bias: false, name: "conv").Compile(precision)
            .With(("conv.weight", [1, 10]));

        Assert.Equal([31, 42], net.Run([1, 2, 3, 4]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void GroupsSeeOnlyTheirOwnChannels(Precision precision)
    {
        var net = Net.Input(1, 1, 4).Conv(2, 1, groups: 2, bias: false, name: "conv").Compile(precision)
            .With(("conv.weight", [1, 10, 100, 1000]));

        Assert.Equal([1 + 20, 300 + 4000], net.Run([1, 2, 3, 4]));
    }

    public static TheoryData<Precision, Activation, float[]> Fused => new()
    {
        { Precision.Float32, Activation.Relu, new[] { 0f, 2 } },
        { Precision.Float64, Activation.Relu, new[] { 0f, 2 } },
        { Precision.Float32, Activation.LeakyRelu, new[] { -0.4f, 2 } },
        { Precision.Float64, Activation.LeakyRelu, new[] { -0.4f, 2 } },
        { Precision.Float32, Activation.Softmax, new[] { 0.01798621f, 0.98201379f } },
        { Precision.Float64, Activation.Softmax, new[] { 0.01798621f, 0.98201379f } },
    };

    [Theory]
    [MemberData(nameof(Fused))]
    public void TheFusedActivationFollowsTheBias(Precision precision, Activation activation, float[] expected)
    {
        // Filters give -3 + 1 and 1 + 1 at the single position; softmax runs over those two channels.
        var net = Net.Input(1, 1, 1).Conv(2, 1, activation: activation, name: "conv").Compile(precision)
            .With(("conv.weight", [-3, 1]), ("conv.bias", [1, 1]));

        ReferenceHarness.Close(expected, net.Run([1]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void DepthwiseOutputChannelCTimesMultiplierPlusMReadsInputChannelC(Precision precision)
    {
        var net = Net.Input(1, 1, 2).DepthwiseConv(1, depthMultiplier: 2, name: "dw").Compile(precision)
            .With(("dw.weight", [1, 2, 3, 4]), ("dw.bias", [0, 0, 0, 0.5f]));

        Assert.Equal([3 * 1, 3 * 2, 5 * 3, 5 * 4 + 0.5f], net.Run([3, 5]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void DepthwiseKeepsEachChannelToItself(Precision precision)
    {
        // Two 2x2 planes, a 2x2 kernel per channel: each output is its own plane's weighted sum.
        var net = Net.Input(2, 2, 2).DepthwiseConv(2, bias: false, name: "dw").Compile(precision)
            .With(("dw.weight", [1, 1, 1, 1, 1, 0, 0, -1]));

        Assert.Equal([1 + 2 + 3 + 4, 10 - 40], net.Run([1, 2, 3, 4, 10, 20, 30, 40]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void SeparableIsDepthwiseThenPointwiseWithOneBias(Precision precision)
    {
        var net = Net.Input(1, 1, 2).SeparableConv(1, 1, depthMultiplier: 2, name: "sep").Compile(precision)
            .With(("sep.depthwise.weight", [1, 2, 3, 4]), ("sep.pointwise.weight", [1, 1, 1, -1]), ("sep.bias", [0.5f]));

        // Depthwise gives (3, 6, 15, 20); pointwise 3 + 6 + 15 - 20, then the bias.
        Assert.Equal([4.5f], net.Run([3, 5]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void SeparableMatchesADepthwiseLayerAndA1x1Convolution(Precision precision)
    {
        var x = Net.Input(7, 7, 3);
        var separable = x.SeparableConv(4, 3, s: 2, pad: Padding.Same, depthMultiplier: 2, activation: Activation.Tanh, name: "sep")
            .Compile(precision);
        var stacked = x.DepthwiseConv(3, depthMultiplier: 2, s: 2, pad: Padding.Same, bias: false, name: "dw")
            .Conv(4, 1, activation: Activation.Tanh, name: "pw").Compile(precision);
        var depthwise = ReferenceHarness.Random(6 * 9, seed: 1);
        var pointwise = ReferenceHarness.Random(4 * 6, seed: 2);
        var bias = ReferenceHarness.Random(4, seed: 3);
        separable.With(("sep.depthwise.weight", depthwise), ("sep.pointwise.weight", pointwise), ("sep.bias", bias));
        stacked.With(("dw.weight", depthwise), ("pw.weight", pointwise), ("pw.bias", bias));
        var input = ReferenceHarness.Random(7 * 7 * 3, seed: 4);

        ReferenceHarness.Close(stacked.Run(input), separable.Run(input), 1e-6);
    }
}
