using FluentNets.Backends.Reference;

namespace FluentNets.Tests.Backends.Reference;

public class PoolingTests
{
    private static readonly float[] OneToNine = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void MaxPoolTakesTheLargestCellOfEachWindow(Precision precision)
    {
        var net = Net.Input(4, 4, 1).MaxPool(2).Compile(precision);

        Assert.Equal([6, 8, 14, 16], net.Run([.. Enumerable.Range(1, 16).Select(i => (float)i)]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void PaddingNeverWinsAMaxPool(Precision precision)
    {
        // SAME pads one row and column at the bottom and right; a zero there would beat every cell.
        var net = Net.Input(3, 3, 1).MaxPool(2, pad: Padding.Same).Compile(precision);

        Assert.Equal([-1, -3, -7, -9], net.Run([.. OneToNine.Select(v => -v)]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void SameAveragePoolAveragesOnlyTheRealCellsOfABorderWindow(Precision precision)
    {
        var net = Net.Input(3, 3, 1).AvgPool(2, pad: Padding.Same).Compile(precision);

        Assert.Equal([(1 + 2 + 4 + 5) / 4f, (3 + 6) / 2f, (7 + 8) / 2f, 9], net.Run(OneToNine));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void ExplicitlyPaddedAveragePoolAlsoLeavesThePaddingOutOfTheCount(Precision precision)
    {
        var net = Net.Input(3, 3, 1).AvgPool(3, s: 1, pad: Padding.Explicit(1)).Compile(precision);

        ReferenceHarness.Close(
            [
                (1 + 2 + 4 + 5) / 4f, (1 + 2 + 3 + 4 + 5 + 6) / 6f, (2 + 3 + 5 + 6) / 4f,
                (1 + 2 + 4 + 5 + 7 + 8) / 6f, 45 / 9f, (2 + 3 + 5 + 6 + 8 + 9) / 6f,
                (4 + 5 + 7 + 8) / 4f, (4 + 5 + 6 + 7 + 8 + 9) / 6f, (5 + 6 + 8 + 9) / 4f,
            ],
            net.Run(OneToNine));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void PoolingWorksOnEachChannelAndExampleApart(Precision precision)
    {
        // Two examples of a 2x2 image with two channels; a 2x2 pool leaves one cell per plane.
        var net = Net.Input(2, 2, 2).MaxPool(2).Compile(precision);

        Assert.Equal([4, -1, 40, 0], net.Run([1, 2, 3, 4, -1, -2, -3, -4, 10, 20, 30, 40, 0, 0, 0, 0], batch: 2));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void GlobalPoolingGivesOneValuePerChannel(Precision precision)
    {
        var x = Net.Input(2, 2, 2);
        float[] input = [1, 2, 3, 6, -1, -2, -3, -4];

        Assert.Equal([3, -2.5f], x.GlobalAvgPool().Compile(precision).Run(input));
        Assert.Equal([6, -1], x.GlobalMaxPool().Compile(precision).Run(input));
    }
}
