using FluentNets.Graph;
using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Zoo;

public class GraphZooTests
{
    [Theory]
    [InlineData("googlenet", 13_413_032, 0)]
    [InlineData("resnet50", 25_636_712, 53_120)]
    [InlineData("resnet34", 21_306_826, 17_024)]
    [InlineData("inception-v3", 23_851_784, 34_432)]
    [InlineData("xception", 22_910_480, 54_528)]
    [InlineData("se-resnet50", 28_167_704, 53_120)]
    [InlineData("inception-naive", 8_403_242, 0)]
    [InlineData("residual-identity", 394_886, 0)]
    [InlineData("residual-projection", 198_320, 0)]
    public void DefaultBuildHasThePublishedCounts(string model, long total, long nonTrainable)
    {
        var counts = ModelZoo.Get(model).Build().Analysis.Params;

        Assert.Equal(total, counts.Total);
        Assert.Equal(nonTrainable, counts.NonTrainable);
    }

    [Fact]
    public void GoogLeNetWithoutItsAuxiliaryHeadsHasTheInferenceCount()
    {
        var network = ModelZoo.Get("googlenet").Build();

        Assert.Equal(["classifier", "aux1", "aux2"], network.Outputs.Select(o => o.Name));
        Assert.Equal(6_994_392, network.Analysis.InferenceParams.Total);
        Assert.Equal(6_994_392, network.WithoutAuxiliary().Analysis.Params.Total);
    }

    [Theory]
    [InlineData("aux1", 512, 4, 3_188_840)]
    [InlineData("aux2", 832, 4, 3_229_800)]
    public void GoogLeNetAuxiliaryHeadsCountAsTheSeedWritesThem(string head, int channelsIn, int pooledSize, long expected)
    {
        long conv = (long)channelsIn * 128 + 128;
        long fc = (long)pooledSize * pooledSize * 128 * 1024 + 1024;
        long classifier = 1024L * 1000 + 1000;

        Assert.Equal(expected, conv + fc + classifier);
        Assert.Equal(expected, BlockParams(ModelZoo.Get("googlenet").Build(), head));
    }

    [Theory]
    [InlineData("inception_3a", 192, 64, 96, 128, 16, 32, 32, 163_696)]
    [InlineData("inception_3b", 256, 128, 128, 192, 32, 96, 64, 388_736)]
    [InlineData("inception_4a", 480, 192, 96, 208, 16, 48, 64, 376_176)]
    [InlineData("inception_4b", 512, 160, 112, 224, 24, 64, 64, 449_160)]
    [InlineData("inception_4c", 512, 128, 128, 256, 24, 64, 64, 510_104)]
    [InlineData("inception_4d", 512, 112, 144, 288, 32, 64, 64, 605_376)]
    [InlineData("inception_4e", 528, 256, 160, 320, 32, 128, 128, 868_352)]
    [InlineData("inception_5a", 832, 256, 160, 320, 32, 128, 128, 1_043_456)]
    [InlineData("inception_5b", 832, 384, 192, 384, 48, 128, 128, 1_444_080)]
    public void GoogLeNetInceptionModulesCountByHand(
        string module, int channelsIn, int c1x1, int reduce3x3, int c3x3, int reduce5x5, int c5x5, int poolProj, long expected)
    {
        long byHand = Conv(1, channelsIn, c1x1)
            + Conv(1, channelsIn, reduce3x3) + Conv(3, reduce3x3, c3x3)
            + Conv(1, channelsIn, reduce5x5) + Conv(5, reduce5x5, c5x5)
            + Conv(1, channelsIn, poolProj);

        Assert.Equal(expected, byHand);
        Assert.Equal(expected, BlockParams(ModelZoo.Get("googlenet").Build(), module));
    }

    [Theory]
    [InlineData(2, 64, 64, 3, 220_032)]
    [InlineData(3, 256, 128, 4, 1_230_336)]
    [InlineData(4, 512, 256, 6, 7_129_088)]
    [InlineData(5, 1024, 512, 3, 14_998_528)]
    public void ResNet50StagesCountByHand(int stage, int channelsIn, int width, int blocks, long expected)
    {
        int expanded = 4 * width;
        long BottleneckFrom(int c) =>
            Conv(1, c, width) + BatchNorm(width) + Conv(3, width, width) + BatchNorm(width) + Conv(1, width, expanded) + BatchNorm(expanded);
        long projection = Conv(1, channelsIn, expanded) + BatchNorm(expanded);
        long byHand = BottleneckFrom(channelsIn) + projection + (blocks - 1) * BottleneckFrom(expanded);

        Assert.Equal(expected, byHand);
        var network = ModelZoo.Get("resnet50").Build();
        Assert.Equal(expected, network.Analysis.Layers.Where(r => r.Name.StartsWith($"conv{stage}_block", StringComparison.Ordinal)).Sum(r => r.Params.Total));
    }

    [Theory]
    [InlineData("googlenet", "pool2_3x3_s2", 28, 28, 192)]
    [InlineData("googlenet", "inception_3a/output", 28, 28, 256)]
    [InlineData("googlenet", "inception_4e/output", 14, 14, 832)]
    [InlineData("googlenet", "aux1/avg_pool", 4, 4, 512)]
    [InlineData("googlenet", "aux2/avg_pool", 4, 4, 832)]
    [InlineData("googlenet", "inception_5b/output", 7, 7, 1024)]
    [InlineData("googlenet", "pool5_7x7_s1", 1, 1, 1024)]
    [InlineData("resnet50", "conv1_pad", 230, 230, 3)]
    [InlineData("resnet50", "pool1_pad", 114, 114, 64)]
    [InlineData("resnet50", "pool1_pool", 56, 56, 64)]
    [InlineData("resnet50", "conv2_block1_add", 56, 56, 256)]
    [InlineData("resnet50", "conv3_block1_0_conv", 28, 28, 512)]
    [InlineData("resnet50", "conv4_block6_out", 14, 14, 1024)]
    [InlineData("resnet50", "conv5_block3_out", 7, 7, 2048)]
    [InlineData("resnet101", "conv4_block23_out", 14, 14, 1024)]
    [InlineData("resnet152", "conv3_block8_out", 28, 28, 512)]
    [InlineData("resnet152", "conv4_block36_out", 14, 14, 1024)]
    [InlineData("resnet50-pool55", "pool1_pool", 55, 55, 64)]
    [InlineData("resnet50-pool55", "conv2_block1/add", 55, 55, 256)]
    [InlineData("resnet50-pool55", "conv5_block3/out", 7, 7, 2048)]
    [InlineData("se-resnet50", "conv5_block3/se/scale", 7, 7, 2048)]
    [InlineData("resnet34", "pool1_pool", 56, 56, 64)]
    [InlineData("resnet34", "conv3_block1/out", 28, 28, 128)]
    [InlineData("resnet34", "conv5_block3/out", 7, 7, 512)]
    [InlineData("inception-v3", "max_pooling2d_1", 35, 35, 192)]
    [InlineData("inception-v3", "mixed0", 35, 35, 256)]
    [InlineData("inception-v3", "mixed2", 35, 35, 288)]
    [InlineData("inception-v3", "mixed3", 17, 17, 768)]
    [InlineData("inception-v3", "mixed7", 17, 17, 768)]
    [InlineData("inception-v3", "mixed8", 8, 8, 1280)]
    [InlineData("inception-v3", "mixed9_0", 8, 8, 768)]
    [InlineData("inception-v3", "mixed10", 8, 8, 2048)]
    [InlineData("xception", "block1_conv2_act", 147, 147, 64)]
    [InlineData("xception", "add", 74, 74, 128)]
    [InlineData("xception", "add_2", 19, 19, 728)]
    [InlineData("xception", "add_10", 19, 19, 728)]
    [InlineData("xception", "add_11", 10, 10, 1024)]
    [InlineData("xception", "block14_sepconv2_act", 10, 10, 2048)]
    [InlineData("inception-naive", "inception/concatenate", 16, 16, 64)]
    [InlineData("residual-identity", "residual/add", 32, 32, 3)]
    [InlineData("residual-projection", "add", 16, 16, 6)]
    public void KeyLayersHaveTheSeedShapes(string model, string layer, int height, int width, int channels) =>
        Assert.Equal(Shape.Image(height, width, channels), ModelZoo.Get(model).Build().Analysis[layer].Shape);

    [Theory]
    [InlineData("resnet50", "conv2_block1_0_conv", 1)]
    [InlineData("resnet50", "conv3_block1_0_conv", 2)]
    [InlineData("resnet50", "conv3_block1_1_conv", 2)]
    [InlineData("resnet50-pool55", "conv3_block1/shortcut_conv", 2)]
    [InlineData("resnet34", "conv3_block1/shortcut_conv", 2)]
    [InlineData("xception", "conv2d", 2)]
    [InlineData("xception", "conv2d_3", 2)]
    public void ProjectionShortcutsStrideFromTheShapes(string model, string layer, int stride) =>
        Assert.Equal(new Size2(stride, stride), ModelZoo.Get(model).Build().Analysis[layer].Node.Window!.Stride);

    [Fact]
    public void GoogLeNetOnCifarSizedInputsFailsAtTheFirstAuxiliaryPool()
    {
        var error = Assert.Throws<NetBuildException>(() => ModelZoo.Get("googlenet").Build(Shape.Image(32, 32, 3)));

        Assert.Equal("aux1/avg_pool", error.Layer);
        Assert.Equal(
            "aux1/avg_pool: pool 5x5 does not fit input 2x2x512 with valid padding: (2 - 5 + 0)/3 + 1 = 0. Use pad: Padding.Same or a smaller pool.",
            error.Message);
    }

    private static long Conv(int kernel, int channelsIn, int filters) => (long)kernel * kernel * channelsIn * filters + filters;

    private static long BatchNorm(int channels) => 4L * channels;

    private static long BlockParams(Network network, string block) =>
        network.Analysis.Layers.Where(r => r.Name.StartsWith(block + "/", StringComparison.Ordinal)).Sum(r => r.Params.Total);

    [Fact]
    public void InceptionV3NamesItsLayersAsKerasNumbersThem()
    {
        var names = ModelZoo.Get("inception-v3").Build().Nodes.Select(n => n.Name).ToList();

        // keras.applications' conv2d_bn names nothing: 94 of each, numbered in the order Keras creates them.
        Assert.Equal(["input_1", "conv2d", "batch_normalization", "activation", "conv2d_1", "batch_normalization_1", "activation_1"], names.Take(7));
        Assert.Equal(94, names.Count(n => n.StartsWith("conv2d", StringComparison.Ordinal)));
        Assert.Equal(94, names.Count(n => n.StartsWith("batch_normalization", StringComparison.Ordinal)));
        Assert.Contains("conv2d_93", names);
        Assert.Equal(
            ["mixed0", "mixed1", "mixed2", "mixed3", "mixed4", "mixed5", "mixed6", "mixed7", "mixed8", "mixed9_0", "concatenate", "mixed9", "mixed9_1", "concatenate_1", "mixed10"],
            names.Where(n => n.StartsWith("mixed", StringComparison.Ordinal) || n.StartsWith("concatenate", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("inception-v3", 313)]
    [InlineData("resnet50", 177)]
    [InlineData("xception", 134)]
    [InlineData("vgg16", 23)]
    public void KerasApplicationsModelsHaveKerasLayerCount(string model, int layers) =>
        Assert.Equal(layers, ModelZoo.Get(model).Build().Nodes.Count);

    [Theory]
    [InlineData("residual-identity", "residual/main_1 residual/main_2 residual/main_3 residual/add")]
    public void CifarSketchesNameTheirLayersAsTheSeedDoes(string model, string layers) =>
        Assert.Equal(
            layers.Split(' '),
            ModelZoo.Get(model).Build().Nodes.Select(n => n.Name).Where(n => n.Contains('/')));

    [Theory]
    [InlineData("block2", "block2_sepconv1 block2_sepconv1_bn block2_sepconv2_act block2_sepconv2 block2_sepconv2_bn block2_pool")]
    [InlineData("block3", "block3_sepconv1_act block3_sepconv1 block3_sepconv1_bn block3_sepconv2_act block3_sepconv2 block3_sepconv2_bn block3_pool")]
    [InlineData("block13", "block13_sepconv1_act block13_sepconv1 block13_sepconv1_bn block13_sepconv2_act block13_sepconv2 block13_sepconv2_bn block13_pool")]
    public void XceptionActivatesBeforeEverySeparableConvButBlock2sFirst(string block, string body) =>
        Assert.Equal(
            body.Split(' '),
            ModelZoo.Get("xception").Build().Nodes.Select(n => n.Name).Where(n => n.StartsWith(block + "_", StringComparison.Ordinal)));
}
