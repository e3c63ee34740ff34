using FluentNets.Layers;

namespace FluentNets.Dsl.Tests;

public class ShapeRulesTests
{
    [Theory]
    [InlineData(32, 5, 1, 0, 0, 1, 28)]
    [InlineData(224, 11, 4, 2, 2, 1, 55)]
    [InlineData(227, 11, 4, 0, 0, 1, 55)]
    [InlineData(7, 3, 2, 1, 1, 1, 4)]
    [InlineData(10, 3, 1, 0, 0, 2, 6)]
    [InlineData(5, 7, 1, 0, 0, 1, -1)]
    [InlineData(112, 3, 2, 0, 0, 1, 55)]
    [InlineData(112, 3, 2, 1, 1, 1, 56)]
    [InlineData(230, 7, 2, 0, 0, 1, 112)]
    [InlineData(32, 3, 1, 0, 0, 4, 24)]
    [InlineData(32, 3, 1, 4, 4, 4, 32)]
    [InlineData(28, 3, 1, 1, 1, 1, 28)]
    public void OutputSizeFollowsTheFormula(int n, int f, int s, int before, int after, int d, int expected) =>
        Assert.Equal(expected, ShapeRules.OutputSize(n, f, s, before, after, d));

    [Theory]
    [InlineData(3, 1, 3)]
    [InlineData(3, 2, 5)]
    [InlineData(3, 3, 7)]
    [InlineData(5, 2, 9)]
    [InlineData(1, 8, 1)]
    public void ADilatedKernelSpansDTimesFMinusOnePlusOne(int kernel, int dilation, int expected) =>
        Assert.Equal(expected, ShapeRules.EffectiveKernel(kernel, dilation));

    [Theory]
    [InlineData(224, 11, 4, 56, 3, 4)]
    [InlineData(14, 3, 3, 5, 0, 1)]
    [InlineData(5, 2, 2, 3, 0, 1)]
    [InlineData(28, 3, 1, 28, 1, 1)]
    [InlineData(8, 1, 2, 4, 0, 0)]
    [InlineData(5, 3, 2, 3, 1, 1)]
    [InlineData(6, 3, 2, 3, 0, 1)]
    [InlineData(112, 3, 2, 56, 0, 1)]
    [InlineData(224, 7, 2, 112, 2, 3)]
    [InlineData(28, 5, 1, 28, 2, 2)]
    [InlineData(28, 2, 1, 28, 0, 1)]
    public void SamePaddingPutsTheOddCellAfter(int n, int f, int s, int outSize, int before, int after)
    {
        Assert.Equal(outSize, ShapeRules.SameOutputSize(n, s));
        Assert.Equal((before, after), ShapeRules.SamePadding(n, f, s));
    }

    [Theory]
    [InlineData(10, 3, 1, 2, 2, 2)]
    [InlineData(10, 3, 2, 2, 1, 2)]
    [InlineData(9, 3, 1, 4, 4, 4)]
    public void SamePaddingUsesTheDilatedKernel(int n, int f, int s, int d, int before, int after) =>
        Assert.Equal((before, after), ShapeRules.SamePadding(n, f, s, d));

    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-1, 2, -1)]
    [InlineData(-3, 2, -2)]
    [InlineData(4, 2, 2)]
    public void FloorDivRoundsTowardNegativeInfinity(int a, int b, int expected) =>
        Assert.Equal(expected, ShapeRules.FloorDiv(a, b));

    [Fact]
    public void ResolveGivesTheWindowWithItsSamePads()
    {
        var (window, h, w) = ShapeRules.Resolve(Context(224, 224), "kernel", 11, 4, 1, Padding.Same);

        Assert.Equal((56, 56), (h, w));
        Assert.Equal(new Window2D(11, 4, 1, 3, 4, 3, 4), window);
        Assert.False(window.IsSymmetric);
    }

    [Fact]
    public void ResolveKeepsExplicitPadsSideBySide()
    {
        var (window, h, w) = ShapeRules.Resolve(Context(10, 12), "kernel", (3, 5), 1, 1, Padding.Explicit(1, 0, 2, 2));

        Assert.Equal((9, 12), (h, w));
        Assert.Equal(new Window2D((3, 5), 1, 1, 1, 0, 2, 2), window);
    }

    [Theory]
    [InlineData(10, 10, 3, 2, 4, 4)]
    [InlineData(7, 7, 2, 2, 3, 3)]
    [InlineData(112, 112, 3, 2, 55, 55)]
    [InlineData(10, 11, 2, 2, 5, 5)]
    public void DefaultModeFloorsLikeKeras(int height, int width, int kernel, int stride, int outHeight, int outWidth)
    {
        var (_, h, w) = ShapeRules.Resolve(Context(height, width), "kernel", kernel, stride, 1, Padding.Valid);

        Assert.Equal((outHeight, outWidth), (h, w));
    }

    [Theory]
    [InlineData(10, 10, 3, 2, "conv: strict mode: (10 - 3 + 0)/2 + 1 = 4.5 is not whole: 7 does not divide by stride 2. Use 1 more row of padding along the height, or stride 1.")]
    [InlineData(10, 9, 3, 2, "conv: strict mode: height (10 - 3 + 0)/2 + 1 = 4.5 is not whole: 7 does not divide by stride 2. Use 1 more row of padding along the height, or stride 1.")]
    [InlineData(9, 10, 3, 2, "conv: strict mode: width (10 - 3 + 0)/2 + 1 = 4.5 is not whole: 7 does not divide by stride 2. Use 1 more column of padding along the width, or stride 1.")]
    [InlineData(14, 14, 3, 4, "conv: strict mode: (14 - 3 + 0)/4 + 1 = 3.75 is not whole: 11 does not divide by stride 4. Use 1 more row of padding along the height, or stride 1.")]
    [InlineData(112, 112, 3, 2, "conv: strict mode: (112 - 3 + 0)/2 + 1 = 55.5 is not whole: 109 does not divide by stride 2. Use 1 more row of padding along the height, or stride 1.")]
    public void StrictModeRejectsARemainder(int height, int width, int kernel, int stride, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => ShapeRules.Resolve(Context(height, width, strict: true), "kernel", kernel, stride, 1, Padding.Valid));

        Assert.Equal(message, error.Message);
        Assert.Equal("conv", error.Layer);
    }

    [Fact]
    public void StrictModeSuggestsPaddingForAnExplicitlyPaddedWindow()
    {
        var error = Assert.Throws<NetBuildException>(() => ShapeRules.Resolve(Context(224, 224, strict: true), "kernel", 11, 4, 1, Padding.Explicit(2)));

        Assert.Equal("conv: strict mode: (224 - 11 + 4)/4 + 1 = 55.25 is not whole: 217 does not divide by stride 4. Use 3 more rows of padding along the height, or stride 1 or stride 7.", error.Message);
    }

    [Theory]
    [InlineData(227, 11, 4, 55)]
    [InlineData(10, 2, 2, 5)]
    [InlineData(9, 3, 2, 4)]
    public void StrictModeAcceptsAnExactDivision(int n, int kernel, int stride, int expected)
    {
        var (_, h, w) = ShapeRules.Resolve(Context(n, n, strict: true), "kernel", kernel, stride, 1, Padding.Valid);

        Assert.Equal((expected, expected), (h, w));
    }

    [Fact]
    public void StrictModeChecksSameWindowsWithTheirResolvedPads()
    {
        var (window, h, _) = ShapeRules.Resolve(Context(14, 14, strict: true), "kernel", 3, 3, 1, Padding.Same);

        var error = Assert.Throws<NetBuildException>(() => ShapeRules.Resolve(Context(8, 8, strict: true), "kernel", 1, 2, 1, Padding.Same));

        Assert.Equal(5, h);
        Assert.Equal((0, 1), (window.PadTop, window.PadBottom));
        Assert.Equal("conv: strict mode: (8 - 1 + 0)/2 + 1 = 4.5 is not whole: 7 does not divide by stride 2. Use 1 more row of padding along the height, or stride 1.", error.Message);
        Assert.Equal(4, ShapeRules.Resolve(Context(8, 8), "kernel", 1, 2, 1, Padding.Same).Height);
    }

    [Theory]
    [InlineData("pool 7x7 does not fit input 5x5x16 with valid padding: (5 - 7 + 0)/7 + 1 = 0. Use pad: Padding.Same or a smaller pool.", "pool")]
    [InlineData("kernel 7x7 does not fit input 5x5x16 with valid padding: (5 - 7 + 0)/7 + 1 = 0. Use pad: Padding.Same or a smaller kernel.", "kernel")]
    public void TheMessageNamesTheWindowKind(string message, string what)
    {
        var error = Assert.Throws<NetBuildException>(() => ShapeRules.Resolve(Context(5, 5, channels: 16), what, 7, 7, 1, Padding.Valid));

        Assert.Equal("conv: " + message, error.Message);
    }

    private static LayerContext Context(int height, int width, bool strict = false, int channels = 3) =>
        new("conv", [Shape.Image(height, width, channels)], ["input_1"], strict);

    [Theory]
    [InlineData(0, 3, 1, 1, 1, 1, "conv: kernel size must be positive. Received: kernel=0x3.")]
    [InlineData(3, 0, 1, 1, 1, 1, "conv: kernel size must be positive. Received: kernel=3x0.")]
    [InlineData(3, 3, 0, 1, 1, 1, "conv: stride must be positive. Received: stride=0x1.")]
    [InlineData(3, 3, 1, 0, 1, 1, "conv: stride must be positive. Received: stride=1x0.")]
    [InlineData(3, 3, 1, 1, 0, 1, "conv: dilation must be positive. Received: dilation=0x1.")]
    [InlineData(3, 3, 1, 1, 1, 0, "conv: dilation must be positive. Received: dilation=1x0.")]
    public void EveryAxisOfAWindowMustBePositive(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW, string message)
    {
        var error = Assert.Throws<NetBuildException>(() =>
            ShapeRules.Resolve(Context(8, 8), "kernel", (kernelH, kernelW), (strideH, strideW), (dilationH, dilationW), Padding.Valid));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(-1, 0, 0, 0)]
    [InlineData(0, -1, 0, 0)]
    [InlineData(0, 0, -1, 0)]
    [InlineData(0, 0, 0, -1)]
    public void EverySideOfAnExplicitPaddingMustNotBeNegative(int top, int bottom, int left, int right)
    {
        var error = Assert.Throws<NetBuildException>(() =>
            ShapeRules.Resolve(Context(8, 8), "kernel", 3, 1, 1, Padding.Explicit(top, bottom, left, right)));

        Assert.Equal($"conv: padding must not be negative. Received: padding=explicit ({top}, {bottom}, {left}, {right}).", error.Message);
    }

    [Fact]
    public void TheMessageListsOnlyTheAxesThatDoNotFit()
    {
        var error = Assert.Throws<NetBuildException>(() => ShapeRules.Resolve(Context(5, 3), "kernel", (7, 3), 1, 1, Padding.Explicit(0, 1, 0, 0)));

        Assert.Equal(
            "conv: kernel 7x3 does not fit input 5x3x3 with padding (0, 1, 0, 0): height (5 - 7 + 1)/1 + 1 = 0. Use more padding, pad: Padding.Same or a smaller kernel.",
            error.Message);
    }

    [Fact]
    public void StrictModeSuggestsTheTwoNearestStridesThatDivide()
    {
        // Span 12 with stride 5: strides 4 and 6 divide it and are nearest; 1, 2 and 3 also divide it.
        var error = Assert.Throws<NetBuildException>(() => ShapeRules.Resolve(Context(15, 15, strict: true), "kernel", 3, 5, 1, Padding.Valid));

        Assert.Equal(
            "conv: strict mode: (15 - 3 + 0)/5 + 1 = 3.4 is not whole: 12 does not divide by stride 5. Use 3 more rows of padding along the height, or stride 4 or stride 6.",
            error.Message);
    }

    [Fact]
    public void StrictModeRoundsTheExactSizeToThreeDecimals()
    {
        var error = Assert.Throws<NetBuildException>(() => ShapeRules.Resolve(Context(10, 10, strict: true), "kernel", 3, 3, 1, Padding.Valid));

        Assert.StartsWith("conv: strict mode: (10 - 3 + 0)/3 + 1 = 3.333 is not whole: 7 does not divide by stride 3.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMessageShowsUnevenPadsSideBySide()
    {
        var error = Assert.Throws<NetBuildException>(() => ShapeRules.Resolve(Context(3, 3), "kernel", 9, 1, 1, Padding.Explicit(1, 1, 1, 2)));

        Assert.Equal(
            "conv: kernel 9x9 does not fit input 3x3x3 with padding (1, 1, 1, 2): height (3 - 9 + 2)/1 + 1 = -3, width (3 - 9 + 3)/1 + 1 = -2. Use more padding, pad: Padding.Same or a smaller kernel.",
            error.Message);
    }
}
