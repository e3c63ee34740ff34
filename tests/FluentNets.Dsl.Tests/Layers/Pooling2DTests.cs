using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class Pooling2DTests
{
    public static TheoryData<int, int, Size2, Size2?, Padding?, string> MaxPoolShapes => new()
    {
        // input H, W, pool, stride (null: the pool size), padding (null: valid) -> output
        { 28, 28, 2, null, null, "14x14x4" },
        { 28, 28, 2, 2, null, "14x14x4" },
        { 7, 7, 2, null, null, "3x3x4" },
        { 112, 112, 3, 2, null, "55x55x4" },
        { 112, 112, 3, 2, Padding.Same, "56x56x4" },
        { 112, 112, 3, 2, Padding.Explicit(1), "56x56x4" },
        { 114, 114, 3, 2, null, "56x56x4" },
        { 5, 5, 2, 2, Padding.Same, "3x3x4" },
        { 28, 28, 3, 1, Padding.Same, "28x28x4" },
        { 8, 8, (2, 1), null, null, "4x8x4" },
        { 9, 6, 3, (3, 2), null, "3x2x4" },
    };

    [Theory]
    [MemberData(nameof(MaxPoolShapes))]
    public void MaxPoolOutputShape(int h, int w, Size2 pool, Size2? stride, Padding? pad, string expected) =>
        Assert.Equal(expected, Net.Input(h, w, 4).MaxPool(pool, s: stride, pad: pad).Shape.ToString());

    [Theory]
    [InlineData(14, 5, 3, "4x4x512")]
    [InlineData(7, 7, 1, "1x1x512")]
    [InlineData(8, 2, 2, "4x4x512")]
    public void AvgPoolOutputShape(int size, int pool, int stride, string expected) =>
        Assert.Equal(expected, Net.Input(size, size, 512).AvgPool(pool, s: stride).Shape.ToString());

    [Fact]
    public void PoolingHasNoParamsAndNoMacs()
    {
        var pool = Net.Input(28, 28, 64).MaxPool(2).Node;

        Assert.Equal(ParamCount.Zero, pool.Params);
        Assert.Equal(0, pool.Macs);
        Assert.Equal("MaxPooling2D", pool.Layer.KerasType);
        Assert.Equal(new Window2D(2, 2, 1, 0, 0, 0, 0), pool.Window);
    }

    [Fact]
    public void AveragePoolingIsNamedLikeKeras()
    {
        var pool = Net.Input(28, 28, 64).AvgPool(2).Node;

        Assert.Equal("average_pooling2d", pool.Name);
        Assert.Equal("AveragePooling2D", pool.Layer.KerasType);
    }

    [Fact]
    public void APoolThatDoesNotFitNamesTheLayerTheRuleAndTheFix()
    {
        var x = Net.Input(5, 5, 16);

        var error = Assert.Throws<NetBuildException>(() => x.MaxPool(7));

        Assert.Equal("max_pooling2d: pool 7x7 does not fit input 5x5x16 with valid padding: (5 - 7 + 0)/7 + 1 = 0. Use pad: Padding.Same or a smaller pool.", error.Message);
        Assert.Equal("max_pooling2d", error.Layer);
    }

    [Fact]
    public void APoolThatDoesNotFitDespiteItsPaddingSuggestsMorePadding()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(2, 2, 16).AvgPool(5, s: 1, pad: Padding.Explicit(1)));

        Assert.Equal(
            "average_pooling2d: pool 5x5 does not fit input 2x2x16 with padding 1: (2 - 5 + 2)/1 + 1 = 0. Use more padding, pad: Padding.Same or a smaller pool.",
            error.Message);
    }

    [Fact]
    public void PaddingOfMoreThanHalfThePoolIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(112, 112, 64).MaxPool(3, s: 2, pad: Padding.Explicit(2)));

        Assert.Equal(
            "max_pooling2d: padding explicit 2 is more than half the pool 3x3: a window could lie wholly in padding. Use pad: Padding.Same or a ZeroPad layer before it.",
            error.Message);
    }

    [Fact]
    public void PaddingIsLimitedPerAxisByThatAxisPool()
    {
        var x = Net.Input(17, 17, 768);

        var error = Assert.Throws<NetBuildException>(() => x.AvgPool((1, 7), s: 1, pad: Padding.Explicit(1, 3)));

        Assert.Equal(Shape.Image(17, 17, 768), x.AvgPool((1, 7), s: 1, pad: Padding.Explicit(0, 3)).Shape);
        Assert.Equal(
            "average_pooling2d: padding explicit (1, 1, 3, 3) is more than half the pool 1x7: a window could lie wholly in padding. Use pad: Padding.Same or a ZeroPad layer before it.",
            error.Message);
    }

    [Theory]
    [InlineData(0, 1, "max_pooling2d: pool size must be positive. Received: pool=0x0.")]
    [InlineData(2, 0, "max_pooling2d: stride must be positive. Received: stride=0x0.")]
    [InlineData(2, -1, "max_pooling2d: stride must be positive. Received: stride=-1x-1.")]
    public void ArgumentsAreCheckedAtTheCall(int pool, int stride, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).MaxPool(pool, s: stride));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void StrictModeRejectsAFlooredPool()
    {
        var x = Net.Input(7, 7, 128, strict: true);

        var error = Assert.Throws<NetBuildException>(() => x.MaxPool(2));

        Assert.Equal("max_pooling2d: strict mode: (7 - 2 + 0)/2 + 1 = 3.5 is not whole: 5 does not divide by stride 2. Use 1 more row of padding along the height, or stride 1.", error.Message);
        Assert.Equal("4x4x128", x.MaxPool(2, pad: Padding.Same).Shape.ToString());
    }

    [Theory]
    [InlineData(0, 2, "max_pooling2d: pool size must be positive. Received: pool=0x2.")]
    [InlineData(2, 0, "max_pooling2d: pool size must be positive. Received: pool=2x0.")]
    public void AZeroPoolWithPaddingIsReportedAsAZeroPool(int height, int width, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).MaxPool((height, width), pad: Padding.Explicit(1)));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(0, 2, 0, 0, "explicit (0, 2, 0, 0)")]
    [InlineData(0, 0, 2, 0, "explicit (0, 0, 2, 0)")]
    [InlineData(0, 0, 0, 2, "explicit (0, 0, 0, 2)")]
    public void EachPadIsComparedWithHalfThePoolAlongItsAxis(int top, int bottom, int left, int right, string shown)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).MaxPool(3, s: 1, pad: Padding.Explicit(top, bottom, left, right)));

        Assert.Equal(
            $"max_pooling2d: padding {shown} is more than half the pool 3x3: a window could lie wholly in padding. Use pad: Padding.Same or a ZeroPad layer before it.",
            error.Message);
    }
}
