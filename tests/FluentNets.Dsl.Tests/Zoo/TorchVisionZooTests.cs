using FluentNets.Layers;
using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Zoo;

/// <summary>
/// The tv-* models against the numbers torchvision 0.14 publishes for its models (num_params and GFLOPS in its
/// weights' meta); the running statistics are the sums of torchvision's BatchNorm buffers, as PyTorch 1.13 counts them.
/// </summary>
public class TorchVisionZooTests
{
    [Theory]
    [InlineData("tv-resnet18", 11_689_512, 9_600)]
    [InlineData("tv-resnet34", 21_797_672, 17_024)]
    [InlineData("tv-resnet50", 25_557_032, 53_120)]
    [InlineData("tv-resnet101", 44_549_160, 105_344)]
    [InlineData("tv-resnet152", 60_192_808, 151_424)]
    [InlineData("tv-alexnet", 61_100_840, 0)]
    [InlineData("tv-vgg16", 138_357_544, 0)]
    [InlineData("tv-inception-v3", 27_161_264, 36_224)]
    public void TrainableParametersAreTorchVisionsPublishedCount(string model, long trainable, long runningStatistics)
    {
        var counts = ModelZoo.Get(model).Build().Analysis.Params;

        Assert.Equal(trainable, counts.Trainable);
        Assert.Equal(runningStatistics, counts.NonTrainable);
    }

    [Fact]
    public void GoogLeNetWithoutItsAuxiliaryHeadsHasTorchVisionsPublishedCount()
    {
        var network = ModelZoo.Get("tv-googlenet").Build();

        Assert.Equal(6_624_904, network.Analysis.InferenceParams.Trainable);
        Assert.Equal(13_004_888, network.Analysis.Params.Trainable);
        Assert.Equal(["fc", "aux1", "aux2"], network.Outputs.Select(o => o.Name));
    }

    [Theory]
    [InlineData("tv-resnet18", 1.814)]
    [InlineData("tv-resnet34", 3.664)]
    [InlineData("tv-resnet50", 4.089)]
    [InlineData("tv-resnet101", 7.801)]
    [InlineData("tv-resnet152", 11.514)]
    [InlineData("tv-alexnet", 0.714)]
    [InlineData("tv-vgg16", 15.47)]
    [InlineData("tv-googlenet", 1.498)]
    [InlineData("tv-inception-v3", 5.713)]
    public void InferenceMacsRoundToTorchVisionsPublishedGflops(string model, double gflops) =>
        Assert.Equal(gflops, Math.Round(ModelZoo.Get(model).Build().Analysis.InferenceMacs / 1e9, 3));

    [Fact]
    public void ResNetParametersAreNamedAsTorchVisionsStateDictKeys()
    {
        var names = ModelZoo.Get("tv-resnet50").Build().Nodes.Select(n => n.Name).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "conv1", "bn1", "layer1.0/conv1", "layer1.0/downsample.0", "layer1.0/downsample.1", "layer4.2/bn3", "fc" },
            names);
        Assert.DoesNotContain("layer1.1/downsample.0", names);
    }

    [Fact]
    public void GoogLeNetsFiveByFiveBranchIsAThreeByThreeConvAndItsPoolsRoundUp()
    {
        var network = ModelZoo.Get("tv-googlenet").Build();
        var branch = network.Nodes.Single(n => n.Name == "inception3a/branch3.1.conv");
        var pool = network.Nodes.Single(n => n.Name == "maxpool1");

        Assert.Equal(new Size2(3, 3), ((Conv2D)branch.Layer).Kernel);
        Assert.True(((Pooling2D)pool.Layer).CeilMode);
        Assert.Equal("56x56x64", pool.Shape.ToString());
        Assert.Equal("7x7x832", network.Nodes.Single(n => n.Name == "maxpool4").Shape.ToString());
    }

    [Fact]
    public void InceptionV3sPoolBranchesCountTheirPadding()
    {
        var pools = ModelZoo.Get("tv-inception-v3").Build().Nodes.Where(n => n.Name.EndsWith("/avg_pool", StringComparison.Ordinal)).ToArray();

        Assert.Equal(9, pools.Length - 1);
        Assert.All(pools.Where(p => !p.Name.StartsWith("AuxLogits", StringComparison.Ordinal)), p => Assert.True(((Pooling2D)p.Layer).CountPadding));
    }

    // torchvision's weights meta["min_size"]; GoogLeNet's 15x15 ends in ceil-mode pools whose 3x3 window is
    // larger than their 2x2 input, which PyTorch pools into one output.
    [Theory]
    [InlineData("tv-alexnet", 63)]
    [InlineData("tv-vgg16", 32)]
    [InlineData("tv-googlenet", 15)]
    public void SmallInputsDownToTheSmallestTheLayersAccept(string model, int size)
    {
        var network = ModelZoo.Get(model).Build(Shape.Image(size, size, 3), 10);

        Assert.Equal(Shape.Vector(10), network.Output.Shape);
        Assert.Throws<NetBuildException>(() => ModelZoo.Get(model).Build(Shape.Image(size - 1, size - 1, 3), 10));
    }
}
