using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

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

    [Theory]
    [InlineData(0, 0.75, 2)]
    [InlineData(1e-4, 0, 2)]
    [InlineData(1e-4, 0.75, 0)]
    public void ZeroAlphaBetaOrKIsAllowed(double alpha, double beta, double k) =>
        Assert.Equal(Shape.Image(8, 8, 8), Net.Input(8, 8, 8).Lrn(5, alpha, beta, k).Shape);

    [Theory]
    [InlineData(1e-4, -0.5, 2, "lrn: alpha, beta and k must not be negative. Received: alpha=0.0001, beta=-0.5, k=2.")]
    [InlineData(1e-4, 0.75, -1, "lrn: alpha, beta and k must not be negative. Received: alpha=0.0001, beta=0.75, k=-1.")]
    public void EachOfAlphaBetaAndKIsChecked(double alpha, double beta, double k, string message) =>
        Assert.Equal(message, Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 8).Lrn(5, alpha, beta, k)).Message);

    [Fact]
    public void LrnIsNamedAndTypedForTheSummary()
    {
        var layer = new LocalResponseNormalization(5, 1e-4, 0.75, 2);

        Assert.Equal(("LocalResponseNormalization", "lrn"), (layer.KerasType, layer.NamePrefix));
    }
}
