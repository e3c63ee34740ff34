namespace FluentNets.Dsl.Tests.Layers;

public class ZeroPadding2DTests
{
    [Fact]
    public void PaddingThreeOnEverySideAddsSixRowsAndColumns() =>
        Assert.Equal("230x230x3", Net.Input(224, 224, 3).ZeroPad(3).Shape.ToString());

    [Theory]
    [InlineData(0, 1, 0, 1, "113x113x64")]
    [InlineData(1, 1, 0, 0, "114x112x64")]
    [InlineData(0, 0, 0, 0, "112x112x64")]
    public void PaddingGivenSideBySide(int top, int bottom, int left, int right, string expected) =>
        Assert.Equal(expected, Net.Input(112, 112, 64).ZeroPad((top, bottom, left, right)).Shape.ToString());

    [Fact]
    public void NegativePaddingIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).ZeroPad((1, 1, -1, 0)));

        Assert.Equal("zero_padding2d: padding must not be negative. Received: padding=(1, 1, -1, 0).", error.Message);
    }

    [Fact]
    public void ZeroPaddingIsNamedLikeKerasAndHasNoParams()
    {
        var pad = Net.Input(8, 8, 3).ZeroPad(1).Node;

        Assert.Equal(("zero_padding2d", "ZeroPadding2D", 0L), (pad.Name, pad.Layer.KerasType, pad.Params.Total));
    }

    [Theory]
    [InlineData(-1, 0, 0, 0)]
    [InlineData(0, -1, 0, 0)]
    [InlineData(0, 0, -1, 0)]
    [InlineData(0, 0, 0, -1)]
    public void EverySideMustNotBeNegative(int top, int bottom, int left, int right)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).ZeroPad((top, bottom, left, right)));

        Assert.Equal($"zero_padding2d: padding must not be negative. Received: padding=({top}, {bottom}, {left}, {right}).", error.Message);
    }
}
