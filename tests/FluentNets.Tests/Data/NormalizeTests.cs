using FluentNets.Data;

namespace FluentNets.Tests.Data;

public class NormalizeTests
{
    private static readonly DataSet TwoChannels =
        DataSet.FromPixels("pair", Shape.Image(1, 2, 2), [0, 1, 2, 4, 1, 1, 6, 8], [0, 1], 2);

    private static float[] Pixels(DataSet data) => data.Batches(8).SelectMany(b => b.Images.Data).ToArray();

    [Fact]
    public void LoadedPixelsAreScaledToZeroOne()
    {
        var digits = Pixels(DataSets.Digits());

        Assert.Equal(0f, digits.Min());
        Assert.Equal(1f, digits.Max());
    }

    [Fact]
    public void EachChannelIsStandardisedWithItsOwnMeanAndDeviation()
    {
        var normalised = TwoChannels.Normalize([1, 2], [2, 4]);

        Assert.Equal([-0.5f, 0, 0, 0.5f, 0, 0, 1, 1.5f], Pixels(normalised));
    }

    [Fact]
    public void ChannelStatisticsArePerChannelMeanAndPopulationDeviation()
    {
        var (mean, std) = TwoChannels.ChannelStatistics();

        Assert.Equal([0.75f, 5], mean);
        Assert.Equal(MathF.Sqrt(0.1875f), std[0], 6);
        Assert.Equal(MathF.Sqrt(5), std[1], 6);
    }

    [Fact]
    public void NormalisingWithItsOwnStatisticsGivesZeroMeanUnitDeviation()
    {
        var (mean, std) = DataSets.Digits().ChannelStatistics();
        var (newMean, newStd) = DataSets.Digits().Normalize(mean, std).ChannelStatistics();

        Assert.Equal(0, newMean[0], 5);
        Assert.Equal(1, newStd[0], 5);
    }

    [Fact]
    public void NormalisingTwiceComposes()
    {
        var twice = TwoChannels.Normalize([1, 2], [2, 4]).Normalize([0.5f, 1], [0.5f, 0.5f]);

        Assert.Equal([-2f, -1, -2, -1, -1, -1, 0, 1], Pixels(twice));
    }

    [Fact]
    public void AGreyNormalisationIsRepeatedWhenTheImageBecomesRgb()
    {
        var grey = DataSet.FromPixels("grey", Shape.Image(1, 1, 1), [0.5f], [0], 1);

        var rgb = grey.Normalize([0.25f], [0.5f]).ResizeTo(Shape.Image(1, 1, 3));

        Assert.Equal([0.5f, 0.5f, 0.5f], Pixels(rgb));
    }

    [Fact]
    public void NormalisationAppliesAfterTheResize()
    {
        var rgb = DataSet.FromPixels("grey", Shape.Image(1, 1, 1), [0.5f], [0], 1).ResizeTo(Shape.Image(1, 1, 3));

        Assert.Equal([0f, 0.5f, 1], Pixels(rgb.Normalize([0.5f, 0.25f, 0], [1, 0.5f, 0.5f])));
    }

    [Fact]
    public void ThereIsOneMeanAndOneDeviationPerChannel()
    {
        var error = Assert.Throws<ArgumentException>(() => TwoChannels.Normalize([0.5f], [1]));

        Assert.Equal("pair: expected 2 means and 2 deviations, one per channel of 1x2x2, found 1 and 1. (Parameter 'mean')", error.Message);
    }

    [Theory]
    [InlineData(0f, "pair: expected positive deviations, found std[1] = 0. (Parameter 'std')")]
    [InlineData(-1f, "pair: expected positive deviations, found std[1] = -1. (Parameter 'std')")]
    public void DeviationsMustBePositive(float deviation, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => TwoChannels.Normalize([0, 0], [1, deviation])).Message);
}
