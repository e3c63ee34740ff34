using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

/// <summary>
/// PyTorch's pooling rules as layer options: ceil mode, padding-inclusive averages, adaptive pooling.
/// Expected sizes are what PyTorch 1.13's F.max_pool2d and F.adaptive_avg_pool2d return for the same
/// arguments.
/// </summary>
public class PyTorchPoolingTests
{
    [Theory]
    [InlineData(5, 2, 2, 0, 2, 3)]
    [InlineData(6, 3, 2, 0, 2, 3)]
    [InlineData(112, 3, 2, 0, 55, 56)]
    [InlineData(56, 3, 2, 0, 27, 28)]
    [InlineData(14, 2, 2, 0, 7, 7)]
    [InlineData(7, 3, 2, 1, 4, 4)]
    [InlineData(5, 2, 2, 1, 3, 3)]
    [InlineData(8, 3, 3, 1, 3, 3)]
    [InlineData(10, 3, 3, 1, 4, 4)]
    [InlineData(4, 3, 1, 1, 4, 4)]
    [InlineData(32, 3, 2, 0, 15, 16)]
    [InlineData(9, 4, 3, 2, 4, 4)]
    public void CeilModeGivesPyTorchsSizes(int n, int pool, int stride, int pad, int floor, int ceil)
    {
        var x = Net.Input(n, n, 2);

        Assert.Equal(ceil, ShapeRules.CeilOutputSize(n, pool, stride, pad, pad));
        Assert.Equal(floor, x.MaxPool(pool, s: stride, pad: Padding.Explicit(pad)).Shape.Height);
        Assert.Equal(ceil, x.MaxPool(pool, s: stride, pad: Padding.Explicit(pad), ceilMode: true).Shape.Height);
        Assert.Equal(ceil, x.AvgPool(pool, s: stride, pad: Padding.Explicit(pad), ceilMode: true, countPadding: true).Shape.Width);
    }

    [Fact]
    public void CeilModeKeepsTheDeclaredPadsAndRecordsTheOption()
    {
        var node = Net.Input(112, 112, 64).MaxPool(3, s: 2, ceilMode: true, name: "maxpool1").Node;

        Assert.Equal("56x56x64", node.Shape.ToString());
        Assert.Equal(new Window2D(3, 2, 1, 0, 0, 0, 0), node.Window);
        Assert.Equal(new Pooling2D(PoolKind.Max, 3, 2, Padding.Valid, CeilMode: true), node.Layer);
        Assert.Equal("MaxPooling2D", node.Layer.KerasType);
    }

    [Fact]
    public void CeilModeWithSamePaddingIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 1).MaxPool(3, s: 2, pad: Padding.Same, ceilMode: true));

        Assert.Equal(
            "max_pooling2d: ceil mode is PyTorch's rounding and needs valid or explicit padding; SAME already rounds up. Received: padding=same, ceilMode=true.",
            error.Message);
    }

    // F.max_pool2d(ceil_mode=True) of PyTorch 1.13: 1 output where the window is larger than the input by less
    // than the stride (2, 3, 2 and 2, 4, 3), "Output size is too small" where it is not (1, 3, 2 and 3, 5, 2).
    [Theory]
    [InlineData(2, 3, 2, 1)]
    [InlineData(2, 4, 3, 1)]
    [InlineData(3, 5, 3, 1)]
    [InlineData(1, 3, 2, 0)]
    [InlineData(3, 5, 2, 0)]
    public void CeilModeTakesAPoolLargerThanItsInputByLessThanTheStride(int n, int pool, int stride, int ceil)
    {
        Assert.Equal(ceil, ShapeRules.CeilOutputSize(n, pool, stride));
        if (ceil > 0)
        {
            Assert.Equal(Shape.Image(1, 1, 2), Net.Input(n, n, 2).MaxPool(pool, s: stride, ceilMode: true).Shape);
        }
    }

    [Fact]
    public void CeilModeStillRejectsAPoolLargerThanItsInputByTheStride()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(1, 1, 1).MaxPool(3, s: 2, ceilMode: true));

        Assert.Equal("max_pooling2d: pool 3x3 does not fit input 1x1x1 with valid padding: (1 - 3 + 0)/2 + 1 = 0. Use pad: Padding.Same or a smaller pool.", error.Message);
    }

    [Fact]
    public void StrictModeLetsACeilModePoolKeepItsPartialWindow()
    {
        var x = Net.Input(112, 112, 8, strict: true);

        Assert.Equal(56, x.MaxPool(3, s: 2, ceilMode: true).Shape.Height);
        Assert.Throws<NetBuildException>(() => x.MaxPool(3, s: 2));
    }

    [Fact]
    public void CountingPaddingIsAnAverageOption()
    {
        var x = Net.Input(8, 8, 4);

        var pool = x.AvgPool(3, s: 1, pad: Padding.Explicit(1), countPadding: true).Node;
        var error = Assert.Throws<NetBuildException>(() => x.Apply<Image>(new Pooling2D(PoolKind.Max, 3, 1, Padding.Explicit(1), CountPadding: true), null));

        Assert.Equal("8x8x4", pool.Shape.ToString());
        Assert.True(((Pooling2D)pool.Layer).CountPadding);
        Assert.False(((Pooling2D)x.AvgPool(3).Node.Layer).CountPadding);
        Assert.Equal(
            "max_pooling2d: counting the padding is a rule of average pooling; max pooling never picks a padded cell. Received: countPadding=true.",
            error.Message);
    }

    [Theory]
    [InlineData(7, 3, new[] { 0, 3, 2, 5, 4, 7 })]
    [InlineData(5, 3, new[] { 0, 2, 1, 4, 3, 5 })]
    [InlineData(10, 4, new[] { 0, 3, 2, 5, 5, 8, 7, 10 })]
    [InlineData(3, 6, new[] { 0, 1, 0, 1, 1, 2, 1, 2, 2, 3, 2, 3 })]
    [InlineData(1, 6, new[] { 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 })]
    [InlineData(13, 4, new[] { 0, 4, 3, 7, 6, 10, 9, 13 })]
    [InlineData(6, 6, new[] { 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6 })]
    public void AdaptiveBinsAreThoseOfPyTorch(int n, int output, int[] bounds)
    {
        var bins = Enumerable.Range(0, output).SelectMany(i =>
        {
            var (start, end) = ShapeRules.AdaptiveBin(i, n, output);
            return new[] { start, end };
        });

        Assert.Equal(bounds, bins);
    }

    [Theory]
    [InlineData(13, 13, 6, "6x6x256")]
    [InlineData(1, 1, 6, "6x6x256")]
    [InlineData(2, 3, 7, "7x7x256")]
    [InlineData(14, 14, 4, "4x4x256")]
    public void AdaptivePoolingGivesItsOutputSizeForAnyInput(int h, int w, int output, string expected)
    {
        var node = Net.Input(h, w, 256).AdaptiveAvgPool(output).Node;

        Assert.Equal(expected, node.Shape.ToString());
        Assert.Equal("adaptive_average_pooling2d", node.Name);
        Assert.Equal("AdaptiveAveragePooling2D", node.Layer.KerasType);
        Assert.Equal(ParamCount.Zero, node.Params);
        Assert.Equal(0, node.Macs);
        Assert.Null(node.Window);
    }

    [Theory]
    [InlineData(0, 6, "0x6")]
    [InlineData(6, -1, "6x-1")]
    [InlineData(6, 0, "6x0")]
    public void AdaptivePoolingRejectsAnEmptyOutput(int h, int w, string shown)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).AdaptiveAvgPool((h, w)));

        Assert.Equal($"adaptive_average_pooling2d: output size must be positive. Received: outputSize={shown}.", error.Message);
    }

    [Theory]
    [InlineData(12, 6, 2, 2)]
    [InlineData(13, 6, 3, 2)]
    [InlineData(2, 6, 1, 1)]
    public void AdaptivePoolingSeesItsWidestBin(int n, int output, int widest, int jump)
    {
        var x = Net.Input(n, n, 1);
        var pooled = x.AdaptiveAvgPool(output, name: "pool").ToNetwork();

        var field = pooled.Analysis["pool"].ReceptiveField;

        Assert.Equal(widest, field.Rows.Size);
        Assert.Equal(jump, field.Rows.Jump);
    }

    [Fact]
    public void AdaptivePoolingHasAFieldPerAxis()
    {
        // PyTorch's bins of 7 rows into 3 are [0, 3), [2, 5), [4, 7): 3 wide, 7 / 3 = 2 apart, the first
        // centred on 1.5; of 13 columns into 4 [0, 4), [3, 7), [6, 10), [9, 13): 4 wide, 3 apart, centred on 2.
        var pooled = Net.Input(7, 13, 1).AdaptiveAvgPool((3, 4), name: "pool").ToNetwork();

        Assert.Equal(new ReceptiveField(new(3, 2, 1.5), new(4, 3, 2)), pooled.Analysis["pool"].ReceptiveField);
    }

    [Fact]
    public void AdaptivePoolingSeesItsWidestBinNotItsNarrowest()
    {
        // 7 into 4: [0, 2), [1, 4), [3, 6), [5, 7), widths 2, 3, 3, 2.
        var pooled = Net.Input(7, 7, 1).AdaptiveAvgPool(4, name: "pool").ToNetwork();

        Assert.Equal(3, pooled.Analysis["pool"].ReceptiveField.Cols.Size);
    }
}
