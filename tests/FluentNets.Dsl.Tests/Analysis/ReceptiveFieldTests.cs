using FluentNets.Analysis;
using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Analysis;

public class ReceptiveFieldTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 5)]
    [InlineData(3, 7)]
    [InlineData(5, 11)]
    public void NStackedThreeByThreeConvsSeeTwoNPlusOnePixels(int n, int expected)
    {
        var y = Net.Input(32, 32, 3).Repeat(n, (x, _) => x.Conv(8, 3, pad: Padding.Same));

        var field = Field(y);

        Assert.Equal(new AxisField(expected, 1, 0.5), field.Rows);
        Assert.Equal($"{expected}x{expected}", field.ToString());
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(3, 7)]
    public void StackedThreeByThreeConvsSeeWhatOneLargeKernelSees(int n, int kernel)
    {
        var x = Net.Input(32, 32, 3);

        var stacked = Field(x.Repeat(n, (y, _) => y.Conv(8, 3)));
        var single = Field(x.Conv(8, kernel));

        Assert.Equal(single, stacked);
    }

    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(2, 3, 2)]
    [InlineData(4, 3, 4)]
    public void AStridedLayerMultipliesTheJump(int stride, long size, long jump)
    {
        var x = Net.Input(32, 32, 3).Conv(8, 3, s: stride, pad: Padding.Same);

        Assert.Equal((size, jump), (Field(x).Rows.Size, Field(x).Rows.Jump));
    }

    [Fact]
    public void AfterAStrideTwoLayerEachKernelStepCostsTwoPixels()
    {
        var x = Net.Input(32, 32, 3).Conv(8, 3, s: 2, pad: Padding.Same);

        var conv = Field(x.Conv(8, 3, pad: Padding.Same)).Rows;
        var pool = Field(x.MaxPool(2)).Rows;

        Assert.Equal(new AxisField(3 + 2 * 2, 2, 1.5), conv);
        Assert.Equal((5L, 4L), (pool.Size, pool.Jump));
    }

    [Fact]
    public void DilationWidensTheKernel() =>
        Assert.Equal(5, Field(Net.Input(32, 32, 3).Conv(8, 3, dilation: 2)).Rows.Size);

    [Fact]
    public void ANonSquareKernelHasAFieldPerAxis()
    {
        var field = Field(Net.Input(17, 17, 8).Conv(8, (1, 7), pad: Padding.Same));

        Assert.Equal((1L, 7L), (field.Rows.Size, field.Cols.Size));
        Assert.Equal("1x7", field.ToString());
    }

    [Fact]
    public void PaddingMovesTheCentreOfTheFirstField()
    {
        Assert.Equal(1.5, Field(Net.Input(8, 8, 1).Conv(1, 3)).Rows.Start);
        Assert.Equal(0.5, Field(Net.Input(8, 8, 1).Conv(1, 3, pad: Padding.Same)).Rows.Start);
        Assert.Equal(-0.5, Field(Net.Input(8, 8, 1).ZeroPad(1)).Rows.Start);
    }

    [Fact]
    public void AMergeSeesItsWidestBranch()
    {
        var x = Net.Input(28, 28, 8);

        var merged = Net.Concat(x.Conv(4, 1), x.Conv(4, 5, pad: Padding.Same), x.Conv(4, 3, pad: Padding.Same));

        Assert.Equal(5, Field(merged).Rows.Size);
    }

    [Fact]
    public void FlattenAndGlobalPoolingSeeTheWholeInput()
    {
        var x = Net.Input(28, 28, 1).Conv(8, 3);

        Assert.Equal("28x28", Field(x.Flatten()).ToString());
        Assert.Equal("28x28", Field(x.GlobalAvgPool()).ToString());
    }

    [Theory]
    [InlineData("block1_conv2", 5)]
    [InlineData("block1_pool", 6)]
    [InlineData("block3_conv3", 40)]
    [InlineData("block5_conv3", 196)]
    [InlineData("block5_pool", 212)]
    public void Vgg16ReceptiveFields(string layer, long expected) =>
        Assert.Equal(expected, ModelZoo.Get("vgg16").Build().Analysis[layer].ReceptiveField.Rows.Size);

    [Fact]
    public void ThroughAddsKernelMinusOneJumps()
    {
        var field = new AxisField(5, 2, 2.5).Through(3, 2, 1);

        Assert.Equal(new AxisField(9, 4, 2.5), field);
    }

    [Fact]
    public void WidestTakesTheLargerFieldPerAxis()
    {
        var tall = new ReceptiveField(new AxisField(7, 1, 0.5), new AxisField(1, 1, 0.5));
        var wide = new ReceptiveField(new AxisField(1, 1, 0.5), new AxisField(7, 1, 0.5));

        Assert.Equal("7x7", ReceptiveField.Widest([tall, wide]).ToString());
    }

    private static ReceptiveField Field<T>(Net<T> x)
        where T : Layout => x.ToNetwork().Analysis[x.Name].ReceptiveField;

    [Fact]
    public void TheCentreMovesByHalfTheKernelInJumps()
    {
        var field = new AxisField(3, 2, 1.5).Through(3, 1, 0);

        Assert.Equal(new AxisField(7, 2, 3.5), field);
    }

    [Fact]
    public void WidestKeepsTheFirstOfEqualFieldsPerAxis()
    {
        var first = new ReceptiveField(new AxisField(3, 2, 1.5), new AxisField(5, 1, 2.5));
        var second = new ReceptiveField(new AxisField(3, 2, 0.5), new AxisField(1, 1, 0.5));

        var widest = ReceptiveField.Widest([first, second]);

        Assert.Equal(first, widest);
        Assert.Equal(new ReceptiveField(new AxisField(3, 2, 0.5), new AxisField(5, 1, 2.5)), ReceptiveField.Widest([second, first]));
    }

    [Fact]
    public void WidestKeepsTheFirstOfEqualWidthsToo()
    {
        var first = new ReceptiveField(new AxisField(5, 1, 2.5), new AxisField(3, 2, 1.5));
        var second = new ReceptiveField(new AxisField(1, 1, 0.5), new AxisField(3, 2, 0.5));

        Assert.Equal(first, ReceptiveField.Widest([first, second]));
        Assert.Equal(new ReceptiveField(new AxisField(5, 1, 2.5), new AxisField(3, 2, 0.5)), ReceptiveField.Widest([second, first]));
    }
}
