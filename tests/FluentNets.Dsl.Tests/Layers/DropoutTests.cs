using FluentNets.Analysis;
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

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.2)]
    public void StochasticDepthIsKerasDropoutPerExample(double rate)
    {
        // Keras: Dropout(rate, noise_shape=(None, 1, 1, 1)); torchvision: StochasticDepth(rate, "row").
        var node = Net.Input(56, 56, 96).StochasticDepth(rate).Node;

        Assert.Equal(new Dropout(rate, PerExample: true), node.Layer);
        Assert.Equal(("dropout", "Dropout"), (node.Name, node.Layer.KerasType));
        Assert.Equal(Shape.Image(56, 56, 96), node.Shape);
        Assert.Equal(ParamCount.Zero, node.Params);
    }

    [Fact]
    public void PlainDropoutIsNotPerExample() =>
        Assert.False(((Dropout)Net.Input(8).Dropout(0.5).Node.Layer).PerExample);

    [Fact]
    public void StochasticDepthChecksItsRate()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).StochasticDepth(1));

        Assert.Equal("dropout: rate must be in [0, 1). Received: rate=1.", error.Message);
    }

    [Fact]
    public void TheReceptiveFieldIsTheInputs()
    {
        var x = Net.Input(16, 16, 3).Conv(8, 3, s: 2, pad: Padding.Same).Dropout(0.5);

        Assert.Equal(new ReceptiveField(new(3, 2, 1.5), new(3, 2, 1.5)), x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }
}
