using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class NormalizationTests
{
    [Theory]
    [InlineData(3, 7)] // EfficientNetB0's normalization layer: 7 non-trainable parameters in Keras's summary
    [InlineData(1, 3)]
    [InlineData(64, 129)]
    public void LearnedStatisticsAreTwoCPlusOneNonTrainableValues(int channels, long expected)
    {
        var node = Net.Input(224, 224, channels).Normalize().Node;

        Assert.Equal(new ParamCount(0, expected), node.Params);
        Assert.Equal(Shape.Image(224, 224, channels), node.Shape);
        Assert.Equal(("normalization", "Normalization"), (node.Name, node.Layer.KerasType));
        Assert.True(((Normalization)node.Layer).Learned);
    }

    [Fact]
    public void TheStateIsKerasMeanVarianceAndCount()
    {
        // Keras's Normalization.build: mean (C,) zeros, variance (C,) ones, count () zeros, none trainable.
        var parameters = Net.Input(8, 8, 3).Normalize().Node.Parameters;

        Assert.Equal(
            [("mean", "mean", 3L), ("variance", "variance", 3L), ("count", "count", 1L)],
            parameters.Select(p => (p.Role, p.Keras.Name, p.Elements)));
        Assert.Equal([[3], [3], []], parameters.Select(p => p.Shape.ToArray()));
        Assert.Equal([[3], [3], []], parameters.Select(p => p.Keras.Shape.ToArray()));
        Assert.Equal([0.0, 1.0, 0.0], parameters.Select(p => ((Constant)p.Initializer).Value));
        Assert.All(parameters, p => Assert.False(p.Trainable));
    }

    [Fact]
    public void GivenConstantsAreNotWeights()
    {
        // Keras's Normalization(mean=..., variance=...) builds no weights.
        var node = Net.Input(32, 32, 3).Normalize([0.485, 0.456, 0.406], [0.052, 0.050, 0.051]).Node;
        var spec = (Normalization)node.Layer;

        Assert.False(spec.Learned);
        Assert.Empty(node.Parameters);
        Assert.Equal(ParamCount.Zero, node.Params);
        Assert.Equal(Shape.Image(32, 32, 3), node.Shape);
        Assert.Equal([0.485, 0.456, 0.406], spec.Mean!);
        Assert.Equal([0.052, 0.050, 0.051], spec.Variance!);
    }

    [Fact]
    public void AZeroVarianceIsAllowed() =>
        Assert.Equal(Shape.Vector(2), Net.Input(2).Normalize([0.0, 1.0], [0.0, 4.0]).Shape);

    [Theory]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 1.0, 1.0, 1.0 }, "normalization: mean and variance need one value per channel (3). Received: mean=[0.5, 0.5], variance=[1, 1, 1].")]
    [InlineData(new[] { 0.5, 0.5, 0.5 }, new[] { 1.0 }, "normalization: mean and variance need one value per channel (3). Received: mean=[0.5, 0.5, 0.5], variance=[1].")]
    [InlineData(new[] { 0.5, 0.5, 0.5 }, new[] { 1.0, -0.25, 1.0 }, "normalization: variance must not be negative. Received: variance=[1, -0.25, 1].")]
    public void ConstantsNeedOneValuePerChannelAndNoNegativeVariance(double[] mean, double[] variance, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).Normalize(mean, variance));

        Assert.Equal(message, error.Message);
        Assert.Equal("normalization", error.Layer);
    }

    [Fact]
    public void KerasTakesOneValueForEveryChannelButThisSpecNeedsOnePerChannel()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).Normalize([0.5], [1.0]));

        Assert.Equal("normalization: mean and variance need one value per channel (3). Received: mean=[0.5], variance=[1].", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MeanAndVarianceAreGivenTogether(bool meanOnly)
    {
        var x = Net.Input(8, 8, 3);
        ValueList<double> values = new[] { 0.0, 0.0, 0.0 };
        var spec = meanOnly ? new Normalization(Mean: values) : new Normalization(Variance: values);

        var error = Assert.Throws<NetBuildException>(() => x.Apply<Image>(spec, null));

        Assert.Equal("normalization: mean and variance are given together or not at all.", error.Message);
    }

    [Fact]
    public void KerasEpsilonIsOneInTenMillion() => Assert.Equal(1e-7, Normalization.Epsilon);

    [Fact]
    public void TheReceptiveFieldIsTheInputs()
    {
        var x = Net.Input(12, 12, 3).MaxPool(2);

        Assert.Equal(
            new ReceptiveField(new(2, 2, 1.0), new(2, 2, 1.0)),
            x.Normalize().ToNetwork().Analysis["normalization"].ReceptiveField);
    }
}
