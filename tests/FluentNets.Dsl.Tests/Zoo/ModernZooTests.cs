using FluentNets.Layers;
using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Zoo;

/// <summary>
/// The grouped, dense and normalised families against their frameworks' numbers: keras.applications' published
/// totals (ConvNeXt's from Keras's layer definitions, as keras_rest.py counts them), torchvision 0.14's published
/// num_params, and torchvision's RegNet stage tables.
/// </summary>
public class ModernZooTests
{
    // keras.applications' model.summary() at the default input with the top: the published totals for DenseNet,
    // ResNetV2, InceptionResNetV2 and NASNet (keras.io/api/applications); ConvNeXt's from keras/src/applications/
    // convnext.py's layers (torchvision publishes the same totals for Tiny to Large, which have no BatchNorm).
    [Theory]
    [InlineData("densenet121", 8_062_504, 83_648)]
    [InlineData("densenet169", 14_307_880, 158_400)]
    [InlineData("densenet201", 20_242_984, 229_056)]
    [InlineData("resnet50-v2", 25_613_800, 45_440)]
    [InlineData("resnet101-v2", 44_675_560, 97_664)]
    [InlineData("resnet152-v2", 60_380_648, 143_744)]
    [InlineData("inception-resnet-v2", 55_873_736, 60_544)]
    [InlineData("nasnet-mobile", 5_326_716, 36_738)]
    [InlineData("nasnet-large", 88_949_818, 196_668)]
    [InlineData("convnext-tiny", 28_589_128, 0)]
    [InlineData("convnext-small", 50_223_688, 0)]
    [InlineData("convnext-base", 88_591_464, 0)]
    [InlineData("convnext-large", 197_767_336, 0)]
    [InlineData("convnext-xlarge", 350_196_968, 0)]
    public void KerasModelsHaveKerasCounts(string model, long total, long nonTrainable)
    {
        var counts = ModelZoo.Get(model).Build().Analysis.Params;

        Assert.Equal((total, nonTrainable), (counts.Total, counts.NonTrainable));
    }

    // model.summary() with include_top=False at the default input, and the length of model.layers with the top
    // (InputLayer included), as keras_rest.py counts them from Keras's source.
    [Theory]
    [InlineData("densenet121", 7_037_504, 429)]
    [InlineData("densenet169", 12_642_880, 597)]
    [InlineData("densenet201", 18_321_984, 709)]
    [InlineData("resnet50-v2", 23_564_800, 192)]
    [InlineData("resnet101-v2", 42_626_560, 379)]
    [InlineData("resnet152-v2", 58_331_648, 566)]
    [InlineData("inception-resnet-v2", 54_336_736, 782)]
    [InlineData("nasnet-mobile", 4_269_716, 771)]
    [InlineData("nasnet-large", 84_916_818, 1041)]
    public void KerasModelsHaveKerasLayersAndCountsWithoutTheTop(string model, long noTop, int layers)
    {
        Assert.Equal(noTop, ModelZoo.Get(model).Build(includeTop: false).Analysis.Params.Total);
        Assert.Equal(layers, ModelZoo.Get(model).Build().Nodes.Count);
    }

    // Keras's ConvNeXt ends without its top in a LayerNormalization: 27,820,128 for Tiny (keras_rest.py counts),
    // the head's LayerNorm and Dense (768 * 2 + 768 * 1000 + 1000) less, a new LayerNorm of 2 * 768 more.
    [Theory]
    [InlineData(Pooling.None, "layer_normalization", 7, 768)]
    [InlineData(Pooling.Avg, "layer_normalization", 0, 768)]
    public void KerasConvNeXtWithoutTheTopEndsInALayerNorm(Pooling pooling, string last, int side, int channels)
    {
        var network = ModelZoo.Get("convnext-tiny").Build(includeTop: false, pooling: pooling);

        Assert.Equal(27_820_128, network.Analysis.Params.Total);
        Assert.Equal((last, "LayerNormalization"), (network.Output.Name, network.Output.Layer.KerasType));
        Assert.Equal(side == 0 ? Shape.Vector(channels) : Shape.Image(side, side, channels), network.Output.Shape);
    }

    // torchvision 0.14's num_params (sum of p.numel() over model.parameters(), its weights' meta["num_params"]) and
    // the BatchNorm running statistics PyTorch 1.13 holds as buffers (running_mean and running_var).
    [Theory]
    [InlineData("tv-resnext50-32x4d", 25_028_904, 68_224)]
    [InlineData("tv-resnext101-32x8d", 88_791_336, 202_880)]
    [InlineData("tv-resnext101-64x4d", 83_455_272, 202_880)]
    [InlineData("tv-wide-resnet50-2", 68_883_240, 68_224)]
    [InlineData("tv-wide-resnet101-2", 126_886_696, 137_856)]
    [InlineData("tv-regnet-x-400mf", 5_495_976, 37_856)]
    [InlineData("tv-regnet-x-800mf", 7_259_656, 37_312)]
    [InlineData("tv-regnet-x-1-6gf", 9_190_136, 43_504)]
    [InlineData("tv-regnet-x-3-2gf", 15_296_552, 62_560)]
    [InlineData("tv-regnet-x-8gf", 39_572_648, 90_464)]
    [InlineData("tv-regnet-x-16gf", 54_278_536, 111_168)]
    [InlineData("tv-regnet-x-32gf", 107_811_560, 162_016)]
    [InlineData("tv-regnet-y-400mf", 4_344_144, 27_152)]
    [InlineData("tv-regnet-y-800mf", 6_432_512, 30_432)]
    [InlineData("tv-regnet-y-1-6gf", 11_202_430, 52_672)]
    [InlineData("tv-regnet-y-3-2gf", 19_436_338, 66_160)]
    [InlineData("tv-regnet-y-8gf", 39_381_472, 86_528)]
    [InlineData("tv-regnet-y-16gf", 83_590_140, 122_816)]
    [InlineData("tv-regnet-y-32gf", 145_046_770, 158_288)]
    [InlineData("tv-regnet-y-128gf", 644_812_894, 415_072)]
    [InlineData("tv-shufflenet-v2-x0-5", 1_366_792, 7_952)]
    [InlineData("tv-shufflenet-v2-x1-0", 2_278_604, 16_180)]
    [InlineData("tv-shufflenet-v2-x1-5", 3_503_624, 23_440)]
    [InlineData("tv-shufflenet-v2-x2-0", 7_393_996, 33_716)]
    [InlineData("tv-squeezenet1-0", 1_248_424, 0)]
    [InlineData("tv-squeezenet1-1", 1_235_496, 0)]
    [InlineData("tv-densenet121", 7_978_856, 83_648)]
    [InlineData("tv-densenet161", 28_681_000, 219_936)]
    [InlineData("tv-densenet169", 14_149_480, 158_400)]
    [InlineData("tv-densenet201", 20_013_928, 229_056)]
    [InlineData("tv-convnext-tiny", 28_589_128, 0)]
    [InlineData("tv-convnext-small", 50_223_688, 0)]
    [InlineData("tv-convnext-base", 88_591_464, 0)]
    [InlineData("tv-convnext-large", 197_767_336, 0)]
    [InlineData("tv-vgg11", 132_863_336, 0)]
    [InlineData("tv-vgg11-bn", 132_868_840, 5_504)]
    [InlineData("tv-vgg13", 133_047_848, 0)]
    [InlineData("tv-vgg13-bn", 133_053_736, 5_888)]
    [InlineData("tv-vgg16-bn", 138_365_992, 8_448)]
    [InlineData("tv-vgg19", 143_667_240, 0)]
    [InlineData("tv-vgg19-bn", 143_678_248, 11_008)]
    public void TorchVisionModelsHaveTorchVisionsPublishedCount(string model, long trainable, long runningStatistics)
    {
        var counts = ModelZoo.Get(model).Build().Analysis.Params;

        Assert.Equal((trainable, runningStatistics), (counts.Trainable, counts.NonTrainable));
    }

    // torchvision 0.14's BlockParams.from_init_params for each regnet_* builder: depths, widths and group widths.
    [Theory]
    [InlineData("X400MF", new[] { 1, 2, 7, 12 }, new[] { 32, 64, 160, 400 }, new[] { 16, 16, 16, 16 })]
    [InlineData("X800MF", new[] { 1, 3, 7, 5 }, new[] { 64, 128, 288, 672 }, new[] { 16, 16, 16, 16 })]
    [InlineData("X1_6GF", new[] { 2, 4, 10, 2 }, new[] { 72, 168, 408, 912 }, new[] { 24, 24, 24, 24 })]
    [InlineData("X3_2GF", new[] { 2, 6, 15, 2 }, new[] { 96, 192, 432, 1008 }, new[] { 48, 48, 48, 48 })]
    [InlineData("X8GF", new[] { 2, 5, 15, 1 }, new[] { 80, 240, 720, 1920 }, new[] { 80, 120, 120, 120 })]
    [InlineData("X16GF", new[] { 2, 6, 13, 1 }, new[] { 256, 512, 896, 2048 }, new[] { 128, 128, 128, 128 })]
    [InlineData("X32GF", new[] { 2, 7, 13, 1 }, new[] { 336, 672, 1344, 2520 }, new[] { 168, 168, 168, 168 })]
    [InlineData("Y400MF", new[] { 1, 3, 6, 6 }, new[] { 48, 104, 208, 440 }, new[] { 8, 8, 8, 8 })]
    [InlineData("Y800MF", new[] { 1, 3, 8, 2 }, new[] { 64, 144, 320, 784 }, new[] { 16, 16, 16, 16 })]
    [InlineData("Y1_6GF", new[] { 2, 6, 17, 2 }, new[] { 48, 120, 336, 888 }, new[] { 24, 24, 24, 24 })]
    [InlineData("Y3_2GF", new[] { 2, 5, 13, 1 }, new[] { 72, 216, 576, 1512 }, new[] { 24, 24, 24, 24 })]
    [InlineData("Y8GF", new[] { 2, 4, 10, 1 }, new[] { 224, 448, 896, 2016 }, new[] { 56, 56, 56, 56 })]
    [InlineData("Y16GF", new[] { 2, 4, 11, 1 }, new[] { 224, 448, 1232, 3024 }, new[] { 112, 112, 112, 112 })]
    [InlineData("Y32GF", new[] { 2, 5, 12, 1 }, new[] { 232, 696, 1392, 3712 }, new[] { 232, 232, 232, 232 })]
    [InlineData("Y128GF", new[] { 2, 7, 17, 1 }, new[] { 528, 1056, 2904, 7392 }, new[] { 264, 264, 264, 264 })]
    public void RegNetStagesAreTorchVisionsBlockParams(string design, int[] depths, int[] widths, int[] groupWidths)
    {
        var stages = ((RegNetDesign)typeof(RegNetDesign).GetProperty(design)!.GetValue(null)!).Stages();

        Assert.Equal(depths, stages.Select(s => s.Depth));
        Assert.Equal(widths, stages.Select(s => s.Width));
        Assert.Equal(groupWidths, stages.Select(s => s.GroupWidth));
    }

    [Fact]
    public void ARegNetOutsideTheDesignSpaceIsRefusedAsTorchVisionRefusesIt()
    {
        var e = Assert.Throws<ArgumentException>(() => new RegNetDesign(16, 44, 27.89, 2.09, 8).Stages());

        Assert.StartsWith("Expected depth > 0, w_0 > 0 and a multiple of 8, w_a >= 0, w_m > 1 and a group width > 0. Received: RegNetDesign {", e.Message);
    }

    [Fact]
    public void ResNeXtGroupsTheBottlenecksThreeByThreeConvs()
    {
        var network = ModelZoo.Get("tv-resnext50-32x4d").Build();
        var conv = (Conv2D)network.Nodes.Single(n => n.Name == "layer1.0/conv2").Layer;
        var last = (Conv2D)network.Nodes.Single(n => n.Name == "layer4.2/conv2").Layer;

        // width = int(planes * (width_per_group / 64)) * groups: 64 * 4 / 64 * 32 = 128, then 1024 in layer4.
        Assert.Equal((128, 32), (conv.Filters, conv.Groups));
        Assert.Equal((1024, 32), (last.Filters, last.Groups));
    }

    [Fact]
    public void BasicBlocksTakeNoWidth()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            TorchVisionResNet.Build("r", TorchVisionResNet.ResNet18, bottleneck: false, Shape.Image(64, 64, 3), width: TorchVisionResNet.Wide2));

        Assert.StartsWith("Expected width: null or 1 x 64 with basic blocks, which have no groups. Received: width=1 x 128.", e.Message);
    }

    [Fact]
    public void ShuffleNetsStrideOneUnitsSplitTheirChannels()
    {
        var network = ModelZoo.Get("tv-shufflenet-v2-x1-0").Build();
        var node = network.Nodes.Single(n => n.Name == "stage2.1/chunk_1");

        Assert.Equal(new ChannelSlice(58, 58), node.Layer);
        Assert.Equal(new ChannelShuffle(2), network.Nodes.Single(n => n.Name == "stage2.1/channel_shuffle").Layer);
        Assert.DoesNotContain(network.Nodes, n => n.Name == "stage2.1/branch1.0");
    }

    // torchvision's weights meta["min_size"]: 21x21 for SqueezeNet 1.0, 17x17 for 1.1, 29x29 for DenseNet, 32x32 for ConvNeXt.
    [Theory]
    [InlineData("tv-squeezenet1-0", 21)]
    [InlineData("tv-squeezenet1-1", 17)]
    [InlineData("tv-densenet121", 29)]
    [InlineData("tv-convnext-tiny", 32)]
    public void SmallestInputsAreTorchVisionsMinSize(string model, int size)
    {
        Assert.Equal(Shape.Vector(10), ModelZoo.Get(model).Build(Shape.Image(size, size, 3), 10).Output.Shape);
        Assert.Throws<NetBuildException>(() => ModelZoo.Get(model).Build(Shape.Image(size - 1, size - 1, 3), 10));
    }
}
