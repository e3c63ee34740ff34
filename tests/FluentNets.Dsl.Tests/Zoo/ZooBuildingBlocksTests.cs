using System.Collections.Immutable;
using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Zoo;

/// <summary>The zoo's stage lists and module builders, reused outside the zoo.</summary>
public class ZooBuildingBlocksTests
{
    [Fact]
    public void StageListsAreImmutable()
    {
        Assert.IsType<ImmutableArray<int>>(ResNet.Blocks152);
        Assert.IsType<ImmutableArray<int>>(Vgg.Vgg19);
        Assert.IsType<ImmutableArray<int>>(Xception.EntryFilters);
        Assert.Equal([3, 8, 36, 3], ResNet.Blocks152);
    }

    [Fact]
    public void PublicStagesRebuildSeed000sResNet50()
    {
        // Seed 000's stem and head around the public stages: keras.applications' 25,636,712 parameters.
        // FN0002: the seed's stem floors on purpose (230 -> 112 at the 7x7/2 convolution, 112 -> 55 at the pool).
#pragma warning disable FN0002
        var network = Net.Input(224, 224, 3)
            .ZeroPad(3)
            .Conv(64, 7, s: 2)
            .BatchNorm()
            .Relu()
            .MaxPool(3, s: 2)
            .Then(x => ResNet.Stages(x, ResNet.Blocks50, ResNet.BottleneckUnit, projectionBias: true))
            .AvgPool(7)
            .Flatten()
            .Dense(1000, activation: Activation.Softmax)
            .ToNetwork();
#pragma warning restore FN0002

        Assert.Equal(25_636_712, network.Analysis.Params.Total);
        Assert.Equal(ModelZoo.Get("resnet50-pool55").Build().Analysis.Params.Total, network.Analysis.Params.Total);
    }

    [Fact]
    public void PublicInceptionModulesGiveTheirPublishedChannels()
    {
        // GoogLeNet's table 1: inception (3a) outputs 64 + 128 + 32 + 32 = 256 channels at 28x28.
        var module = Net.Input(28, 28, 192).Block("inception3a", x => TorchVisionGoogLeNet.Inception(x, 64, 96, 128, 16, 32, 32));
        Assert.Equal(Shape.Image(28, 28, 256), module.Shape);

        // Inception-v3 (Szegedy et al. 2015, figure 5 and table 1): 35x35x288 after mixed2, 17x17x768 after the reduction.
        var mixed = Net.Input(35, 35, 288).Then(x => InceptionV3.Reduction35To17(x, "mixed3"));
        Assert.Equal(Shape.Image(17, 17, 768), mixed.Shape);
        var c = Net.Input(17, 17, 768).Block("Mixed_6b", x => TorchVisionInceptionV3.InceptionC(x, 128));
        Assert.Equal(Shape.Image(17, 17, 768), c.Shape);
    }
}
