using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class DropoutTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(0.7)]
    [InlineData(0.999)]
    public void ARateInZeroToOneKeepsTheShape(double rate)
    {
        var x = Net.Input(4096);

        var dropout = x.Dropout(rate).Node;

        Assert.Equal(x.Shape, dropout.Shape);
        Assert.Equal(new Dropout(rate), dropout.Layer);
        Assert.Equal(ParamCount.Zero, dropout.Params);
    }

    [Theory]
    [InlineData(1.0, "dropout: rate must be in [0, 1). Received: rate=1.")]
    [InlineData(1.5, "dropout: rate must be in [0, 1). Received: rate=1.5.")]
    [InlineData(-0.1, "dropout: rate must be in [0, 1). Received: rate=-0.1.")]
    [InlineData(double.NaN, "dropout: rate must be in [0, 1). Received: rate=NaN.")]
    public void ARateOutsideZeroToOneIsRejected(double rate, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).Dropout(rate));

        Assert.Equal(message, error.Message);
        Assert.Equal("dropout", error.Layer);
    }

    [Fact]
    public void DropoutWorksOnImagesToo() =>
        Assert.Equal(Shape.Image(8, 8, 3), Net.Input(8, 8, 3).Dropout(0.2).Shape);
}
