using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class BatchNormalizationTests
{
    [Theory]
    [InlineData(64, true, true, 128, 128)]
    [InlineData(2048, true, true, 4096, 4096)]
    [InlineData(32, true, false, 32, 64)]
    [InlineData(32, false, true, 32, 64)]
    [InlineData(32, false, false, 0, 64)]
    public void FourCParamsOfWhichTheMovingStatisticsAreNotTrainable(int channels, bool center, bool scale, long trainable, long nonTrainable)
    {
        var bn = Net.Input(7, 7, channels).BatchNorm(center: center, scale: scale).Node;

        Assert.Equal(new ParamCount(trainable, nonTrainable), bn.Params);
        Assert.Equal(Shape.Image(7, 7, channels), bn.Shape);
        Assert.Equal(0, bn.Macs);
    }

    [Fact]
    public void WithoutScaleItHasThreeCParams() =>
        Assert.Equal(3 * 256, Net.Input(14, 14, 256).BatchNorm(scale: false).Node.Params.Total);

    [Theory]
    [InlineData(1.0, 1e-3, "batch_normalization: momentum must be in [0, 1). Received: momentum=1.")]
    [InlineData(-0.1, 1e-3, "batch_normalization: momentum must be in [0, 1). Received: momentum=-0.1.")]
    [InlineData(0.99, 0, "batch_normalization: epsilon must be positive. Received: epsilon=0.")]
    public void ArgumentsAreCheckedAtTheCall(double momentum, double epsilon, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 8).BatchNorm(momentum: momentum, epsilon: epsilon));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void KerasDefaultsAreKeptOnTheSpec() =>
        Assert.Equal(new BatchNormalization(0.99, 1e-3, true, true), Net.Input(8, 8, 8).BatchNorm().Node.Layer);

    [Fact]
    public void AZeroMomentumIsAllowed() =>
        Assert.Equal(new BatchNormalization(0, 1e-3, true, true), Net.Input(8, 8, 4).BatchNorm(momentum: 0).Node.Layer);

    [Fact]
    public void BatchNormIsNamedAndTypedForTheSummary()
    {
        var layer = new BatchNormalization(0.99, 1e-3, true, true);

        Assert.Equal(("BatchNormalization", "batch_normalization"), (layer.KerasType, layer.NamePrefix));
    }

    [Fact]
    public void TorchBatchNormSaysPyTorchsDefaultsInPyTorchsTerms()
    {
        var node = Net.Input(8, 8, 64).TorchBatchNorm(name: "bn1").Node;
        var spec = (BatchNormalization)node.Layer;

        // PyTorch's momentum 0.1 is the batch's weight; Keras's is the running statistic's, 1 - 0.1.
        Assert.Equal((0.9, 1e-5, true, true), (spec.Momentum, spec.Epsilon, spec.Center, spec.Scale));
        Assert.Equal(new ParamCount(128, 128), node.Params);
    }

    [Fact]
    public void TorchBatchNormWithoutAffineHasOnlyTheRunningStatistics()
    {
        var node = Net.Input(8, 8, 64).TorchBatchNorm(eps: 1e-3, momentum: 0.01, affine: false).Node;
        var spec = (BatchNormalization)node.Layer;

        Assert.Equal((0.99, 1e-3, false, false), (spec.Momentum, spec.Epsilon, spec.Center, spec.Scale));
        Assert.Equal(new ParamCount(0, 128), node.Params);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void TorchBatchNormRejectsAMomentumOutsideZeroToOne(double momentum)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 64).TorchBatchNorm(momentum: momentum));

        Assert.Equal($"batch_normalization: PyTorch's momentum must be in (0, 1]. Received: momentum={momentum}.", error.Message);
    }

    [Fact]
    public void TheWeightsAreKerasGammaBetaAndMovingStatisticsInKerassOrder()
    {
        // Keras: gamma, beta, moving_mean, moving_variance; PyTorch: weight, bias, running_mean, running_var.
        var parameters = Net.Input(7, 7, 64).BatchNorm().Node.Parameters;

        Assert.Equal(
            [("weight", "gamma", true, 1.0), ("bias", "beta", true, 0.0), ("running_mean", "moving_mean", false, 0.0), ("running_var", "moving_variance", false, 1.0)],
            parameters.Select(p => (p.Role, p.Keras.Name, p.Trainable, ((Constant)p.Initializer).Value)));
        Assert.All(parameters, p => Assert.Equal([64], p.Shape));
    }

    [Theory]
    [InlineData(false, true, new[] { "weight", "running_mean", "running_var" })]
    [InlineData(true, false, new[] { "bias", "running_mean", "running_var" })]
    public void CenterAndScaleEachKeepOneLearnedWeight(bool center, bool scale, string[] roles) =>
        Assert.Equal(roles, Net.Input(7, 7, 64).BatchNorm(center: center, scale: scale).Node.Parameters.Select(p => p.Role));

    [Fact]
    public void PyTorchsBatchCounterIsAcceptedAndDropped() =>
        Assert.Equal(["num_batches_tracked"], new BatchNormalization(0.99, 1e-3, true, true).UnusedTorchRoles);

    [Fact]
    public void TorchBatchNormTakesAMomentumOfOne()
    {
        // PyTorch's momentum 1 keeps only the last batch's statistics: Keras's momentum 0.
        var spec = (BatchNormalization)Net.Input(8, 8, 16).TorchBatchNorm(momentum: 1).Node.Layer;

        Assert.Equal(0, spec.Momentum);
    }
}
