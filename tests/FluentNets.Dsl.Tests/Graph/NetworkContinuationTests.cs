using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Graph;

public class NetworkContinuationTests
{
    [Fact]
    public void LayersAfterTheOutputAreNamedAndNumberedAsIfBuiltWithTheNetwork()
    {
        var features = Net.Input(28, 28, 1).Conv(8, 3).Block("block1", b => b.Conv(8, 3)).ToNetwork("base");

        var headed = features.OutputImage().Conv(4, 1).Flatten().Dense(10).ToNetwork("headed");

        Assert.Equal(["input_1", "conv2d", "block1/conv2d", "conv2d_1", "flatten", "dense"], headed.Nodes.Select(n => n.Name));
        Assert.Equal(headed.Nodes.Count, headed.Nodes.Select(n => n.Id).Distinct().Count());
        Assert.Same(features.Output, headed.Nodes[2]);
    }

    [Fact]
    public void ANameTheNetworkUsesIsRefused()
    {
        var features = Net.Input(28, 28, 1).Conv(8, 3, name: "features").ToNetwork();

        var e = Assert.Throws<NetBuildException>(() => features.OutputImage().Conv(8, 3, name: "features"));

        Assert.Equal("features: the name is already used by another layer or block of this network.", e.Message);
    }

    [Fact]
    public void XceptionWithoutItsTopAndSeed001sHeadHasKerasXceptionsParametersForFiveClasses()
    {
        var headed = ModelZoo.Get("xception").Build(includeTop: false).OutputImage()
            .GlobalAvgPool(name: "avg_pool").Dense(5, activation: Activation.Softmax, name: "predictions").ToNetwork("xception");

        // keras.applications.Xception: 22,910,480 parameters with the 1000-class top (2048 * 1000 + 1000),
        // so 20,861,480 without it, plus 2048 * 5 + 5 for the new head.
        Assert.Equal(20_861_480 + (2048 * 5) + 5, headed.Analysis.Params.Total);
        Assert.Equal(["avg_pool", "predictions"], headed.Nodes.TakeLast(2).Select(n => n.Name));
    }

    [Fact]
    public void AVectorOutputCannotBeContinuedAsAnImage()
    {
        var pooled = ModelZoo.Get("lenet5").Build(includeTop: false, pooling: Pooling.Avg);

        var e = Assert.Throws<InvalidOperationException>(pooled.OutputImage);

        Assert.Equal($"Expected an image output to continue from. Received: output=avg_pool with shape {pooled.Output.Shape}.", e.Message);
    }
}
