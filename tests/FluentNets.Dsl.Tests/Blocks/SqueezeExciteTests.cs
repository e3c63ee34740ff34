namespace FluentNets.Dsl.Tests.Blocks;

public class SqueezeExciteTests
{
    [Theory]
    [InlineData(64, 16, 4, 580)]
    [InlineData(256, 16, 16, 8464)]
    [InlineData(8, 8, 1, 25)]
    public void SqueezeThenExciteThenScale(int channels, int ratio, int reduced, long parameters)
    {
        var x = Net.Input(14, 14, channels);

        var y = x.SqueezeExcite(ratio);
        var analysis = y.ToNetwork().Analysis;

        Assert.Equal(x.Shape, y.Shape);
        Assert.Equal("se/scale", y.Name);
        Assert.Equal(Shape.Vector(reduced), analysis["se/reduce"].Shape);
        Assert.Equal(Shape.Vector(channels), analysis["se/expand"].Shape);
        Assert.Equal(parameters, analysis.Params.Total);
    }

    [Theory]
    [InlineData(16, "se/reduce: ratio 16 leaves no units for 8 channels: 8 / 16 < 1. Use a ratio between 1 and 8.")]
    [InlineData(9, "se/reduce: ratio 9 leaves no units for 8 channels: 8 / 9 < 1. Use a ratio between 1 and 8.")]
    [InlineData(0, "se/reduce: ratio must be positive. Received: ratio=0.")]
    [InlineData(-4, "se/reduce: ratio must be positive. Received: ratio=-4.")]
    public void ARatioThatLeavesNoUnitsIsRejected(int ratio, string message)
    {
        var x = Net.Input(14, 14, 3).Conv(8, 3, pad: Padding.Same);

        var error = Assert.Throws<NetBuildException>(() => x.SqueezeExcite(ratio));

        Assert.Equal(message, error.Message);
        Assert.Equal("se/scale", x.SqueezeExcite(8).Name);
    }
}
