using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class Conv2DTests
{
    public static TheoryData<int, int, int, int, Size2, Size2, Padding, Size2, string> Shapes => new()
    {
        // input H, W, C, filters, kernel, stride, padding, dilation -> output
        { 32, 32, 1, 6, 5, 1, Padding.Valid, 1, "28x28x6" },
        { 224, 224, 3, 96, 11, 4, Padding.Same, 1, "56x56x96" },
        { 227, 227, 3, 96, 11, 4, Padding.Valid, 1, "55x55x96" },
        { 224, 224, 3, 64, 7, 2, Padding.Explicit(3), 1, "112x112x64" },
        { 230, 230, 3, 64, 7, 2, Padding.Valid, 1, "112x112x64" },
        { 14, 14, 384, 256, 3, 3, Padding.Same, 1, "5x5x256" },
        { 17, 17, 768, 192, (1, 7), 1, Padding.Same, 1, "17x17x192" },
        { 17, 17, 768, 192, (1, 7), 1, Padding.Valid, 1, "17x11x192" },
        { 32, 32, 16, 16, 3, 1, Padding.Valid, 2, "28x28x16" },
        { 32, 32, 16, 16, 3, 1, Padding.Same, 4, "32x32x16" },
        { 10, 12, 8, 4, 3, 2, Padding.Explicit(1, 0, 2, 2), 1, "5x7x4" },
        { 56, 56, 64, 128, 1, 2, Padding.Valid, 1, "28x28x128" },
        { 55, 55, 256, 128, 1, 2, Padding.Valid, 1, "28x28x128" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OutputShape(int h, int w, int c, int filters, Size2 kernel, Size2 stride, Padding pad, Size2 dilation, string expected) =>
        Assert.Equal(expected, Net.Input(h, w, c).Conv(filters, kernel, s: stride, pad: pad, dilation: dilation).Shape.ToString());

    [Theory]
    [InlineData(5, 5, 1, 6, true, 1, 156)]
    [InlineData(5, 5, 6, 16, true, 1, 2416)]
    [InlineData(11, 11, 3, 96, true, 1, 34944)]
    [InlineData(3, 3, 3, 64, true, 1, 1792)]
    [InlineData(3, 3, 512, 512, true, 1, 2359808)]
    [InlineData(7, 7, 3, 64, true, 1, 9472)]
    [InlineData(1, 7, 192, 128, true, 1, 172160)]
    [InlineData(3, 3, 64, 64, false, 1, 36864)]
    [InlineData(3, 3, 64, 128, true, 2, 36992)]
    [InlineData(3, 3, 64, 64, false, 64, 576)]
    public void ParamsAreKernelTimesInputChannelsPerGroupTimesFiltersPlusBias(
        int kh, int kw, int inChannels, int filters, bool bias, int groups, long expected)
    {
        var conv = Net.Input(32, 32, inChannels).Conv(filters, (kh, kw), pad: Padding.Same, groups: groups, bias: bias).Node;

        Assert.Equal(new ParamCount(expected, 0), conv.Params);
    }

    [Theory]
    [InlineData(224, 3, 64, 3, 1, 86704128)]
    [InlineData(28, 1, 6, 5, 1, 117600)]
    [InlineData(56, 64, 128, 3, 4, 57802752)]
    [InlineData(56, 64, 128, 3, 1, 231211008)]
    [InlineData(7, 512, 512, 3, 512, 225792)]
    public void MacsAreOutputPositionsTimesFiltersTimesKernelTimesInputChannelsPerGroup(
        int size, int inChannels, int filters, int kernel, int groups, long expected) =>
        Assert.Equal(expected, Net.Input(size, size, inChannels).Conv(filters, kernel, pad: Padding.Same, groups: groups).Node.Macs);

    [Fact]
    public void AKernelThatDoesNotFitNamesTheLayerTheRuleAndTheFix()
    {
        var x = Net.Input(13, 13, 3).Conv(8, 5).Conv(16, 5);
        Assert.Equal("5x5x16", x.Shape.ToString());

        var error = Assert.Throws<NetBuildException>(() => x.Conv(32, 7));

        Assert.Equal("conv2d_2: kernel 7x7 does not fit input 5x5x16 with valid padding: (5 - 7 + 0)/1 + 1 = -1. Use pad: Padding.Same or a smaller kernel.", error.Message);
        Assert.Equal("conv2d_2", error.Layer);
        Assert.Equal([Shape.Image(5, 5, 16)], error.Inputs);
    }

    [Fact]
    public void ADilatedKernelShowsItsEffectiveSize()
    {
        var x = Net.Input(6, 6, 1).Conv(8, 3);

        var error = Assert.Throws<NetBuildException>(() => x.Conv(8, 3, dilation: 2));

        Assert.Equal(
            "conv2d_1: kernel 3x3 (dilation 2x2, effective 5x5) does not fit input 4x4x8 with valid padding: (4 - 5 + 0)/1 + 1 = 0. Use pad: Padding.Same or a smaller kernel.",
            error.Message);
    }

    [Fact]
    public void AnExplicitlyPaddedKernelThatDoesNotFitShowsEachFailingAxis()
    {
        var x = Net.Input(3, 5, 3);

        var error = Assert.Throws<NetBuildException>(() => x.Conv(3, 9, pad: Padding.Explicit(0, 1)));

        Assert.Equal(
            "conv2d: kernel 9x9 does not fit input 3x5x3 with padding (0, 0, 1, 1): height (3 - 9 + 0)/1 + 1 = -5, width (5 - 9 + 2)/1 + 1 = -1. Use more padding, pad: Padding.Same or a smaller kernel.",
            error.Message);
    }

    [Fact]
    public void AOneByNKernelFailsOnlyAlongTheAxisThatIsTooShort()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 4, 3).Conv(8, (1, 7)));

        Assert.Equal(
            "conv2d: kernel 1x7 does not fit input 8x4x3 with valid padding: width (4 - 7 + 0)/1 + 1 = -2. Use pad: Padding.Same or a smaller kernel.",
            error.Message);
    }

    [Theory]
    [InlineData(0, 3, 1, 1, 1, 0, "conv2d_1: filters must be positive. Received: filters=0.")]
    [InlineData(-8, 3, 1, 1, 1, 0, "conv2d_1: filters must be positive. Received: filters=-8.")]
    [InlineData(8, 0, 1, 1, 1, 0, "conv2d_1: kernel size must be positive. Received: kernel=0x0.")]
    [InlineData(8, -3, 1, 1, 1, 0, "conv2d_1: kernel size must be positive. Received: kernel=-3x-3.")]
    [InlineData(8, 3, 0, 1, 1, 0, "conv2d_1: stride must be positive. Received: stride=0x0.")]
    [InlineData(8, 3, -2, 1, 1, 0, "conv2d_1: stride must be positive. Received: stride=-2x-2.")]
    [InlineData(8, 3, 1, 0, 1, 0, "conv2d_1: dilation must be positive. Received: dilation=0x0.")]
    [InlineData(8, 3, 1, 1, 0, 0, "conv2d_1: groups must be positive. Received: groups=0.")]
    [InlineData(8, 3, 1, 1, 3, 0, "conv2d_1: groups 3 must divide input channels 16 and filters 8.")]
    [InlineData(8, 3, 1, 1, 1, -0.1, "conv2d_1: l2 must not be negative. Received: l2=-0.1.")]
    public void ArgumentsAreCheckedAtTheCall(int filters, int kernel, int stride, int dilation, int groups, double l2, string message)
    {
        var x = Net.Input(16, 16, 3).Conv(16, 3);

        var error = Assert.Throws<NetBuildException>(() => x.Conv(filters, kernel, s: stride, dilation: dilation, groups: groups, l2: l2));

        Assert.Equal(message, error.Message);
        Assert.Equal("conv2d_1", error.Layer);
    }

    [Fact]
    public void NegativePaddingIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(16, 16, 3).Conv(8, 3, pad: Padding.Explicit(1, -1)));

        Assert.Equal("conv2d: padding must not be negative. Received: padding=explicit (1, 1, -1, -1).", error.Message);
    }

    [Fact]
    public void TheNodeKeepsTheResolvedWindow()
    {
        var conv = Net.Input(224, 224, 3).Conv(96, 11, s: 4, pad: Padding.Same).Node;

        Assert.Equal(new Window2D(11, 4, 1, 3, 4, 3, 4), conv.Window);
        Assert.Equal("Conv2D", conv.Layer.KerasType);
        Assert.Equal(new Conv2D(96, 11, 4, Padding.Same, 1, 1, true, Activation.None, 0), conv.Layer);
    }

    [Fact]
    public void GroupsMustDivideTheFiltersToo()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 4).Conv(6, 3, groups: 4));

        Assert.Equal("conv2d: groups 4 must divide input channels 4 and filters 6.", error.Message);
    }

    [Fact]
    public void TheKernelIsKerasHeightWidthInOutAndPyTorchOutInHeightWidth()
    {
        // ResNet's stem: Keras kernel (7, 7, 3, 64), PyTorch weight (64, 3, 7, 7); Glorot's fans are
        // in * kh * kw = 147 and out * kh * kw = 3136 (Keras's compute_fans).
        var parameters = Net.Input(224, 224, 3).Conv(64, 7, s: 2, pad: Padding.Same, l2: 5e-4).Node.Parameters;
        var (weight, bias) = (parameters[0], parameters[1]);

        Assert.Equal(2, parameters.Count);
        Assert.Equal(("weight", "kernel"), (weight.Role, weight.Keras.Name));
        Assert.Equal([64, 3, 7, 7], weight.Shape);
        Assert.Equal([7, 7, 3, 64], weight.Keras.Shape);
        Assert.Equal([3, 2, 0, 1], weight.Keras.Permutation);
        Assert.Equal(new GlorotUniform(147, 3136), weight.Initializer);
        Assert.Equal(5e-4, weight.L2);
        Assert.Equal(("bias", "bias"), (bias.Role, bias.Keras.Name));
        Assert.Equal([64], bias.Shape);
        Assert.Equal(Initializer.Zeros, bias.Initializer);
    }

    [Fact]
    public void AGroupedKernelSeesTheInputChannelsOfItsGroup()
    {
        // ResNeXt's grouped 3x3: 128 -> 128 in 32 groups, PyTorch weight (128, 4, 3, 3).
        var weight = Assert.Single(Net.Input(56, 56, 128).Conv(128, 3, pad: Padding.Same, groups: 32, bias: false).Node.Parameters);

        Assert.Equal([128, 4, 3, 3], weight.Shape);
        Assert.Equal([3, 3, 4, 128], weight.Keras.Shape);
        Assert.Equal(new GlorotUniform(4 * 9, 128 * 9), weight.Initializer);
    }

    [Fact]
    public void ANonSquareKernelKeepsItsAxes()
    {
        var weight = Net.Input(17, 17, 768).Conv(192, (1, 7), pad: Padding.Same).Node.Parameters[0];

        Assert.Equal([192, 768, 1, 7], weight.Shape);
        Assert.Equal([1, 7, 768, 192], weight.Keras.Shape);
    }

    [Fact]
    public void TheReceptiveFieldGrowsByTheKernelInJumps()
    {
        // r = 1 + (7 - 1) * 1 = 7, jump 2, centre 0.5 + (3 - 2) * 1 with SAME's 2 rows above (224, stride 2: 5 rows of padding).
        var x = Net.Input(224, 224, 3).Conv(64, 7, s: 2, pad: Padding.Same);

        Assert.Equal(new ReceptiveField(new(7, 2, 1.5), new(7, 2, 1.5)), x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }

    [Fact]
    public void AFusedActivationIsKeptOnTheSpec() =>
        Assert.Equal(Activation.Relu6, ((Conv2D)Net.Input(8, 8, 3).Conv(8, 3, activation: Activation.Relu6).Node.Layer).Activation);

    [Fact]
    public void AFusedActivationsArgumentsAreChecked()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).Conv(8, 3, activation: new Activations.LeakyRelu(-0.2)));

        Assert.Equal("conv2d: alpha must not be negative. Received: alpha=-0.2.", error.Message);
    }
}
