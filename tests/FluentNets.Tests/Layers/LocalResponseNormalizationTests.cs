using FluentNets.Layers;

namespace FluentNets.Tests.Layers;

public class LocalResponseNormalizationTests
{
    [Fact]
    public void LrnKeepsTheShapeWithAlexNetsDefaults()
    {
        var lrn = Net.Input(55, 55, 96).Lrn().Node;

        Assert.Equal(Shape.Image(55, 55, 96), lrn.Shape);
        Assert.Equal(new LocalResponseNormalization(5, 1e-4, 0.75, 2), lrn.Layer);
        Assert.Equal(ParamCount.Zero, lrn.Params);
    }

    [Theory]
    [InlineData(0, 1e-4, 0.75, 2, "lrn: size must be positive. Received: size=0.")]
    [InlineData(5, -1, 0.75, 2, "lrn: alpha, beta and k must not be negative. Received: alpha=-1, beta=0.75, k=2.")]
    public void ArgumentsAreCheckedAtTheCall(int size, double alpha, double beta, double k, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 8).Lrn(size, alpha, beta, k));

        Assert.Equal(message, error.Message);
    }
}
