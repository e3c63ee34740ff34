using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Zoo;

/// <summary>
/// The sequential models of the seeds, layer by layer against the printed summaries (seed 000's
/// truncated tables, seed 004's complete keras.applications VGG16) and the computed completions.
/// </summary>
public class SequentialZooTests
{
    [Theory]
    [InlineData("conv2d", "Conv2D", "(None, 28, 28, 6)", 156)]
    [InlineData("max_pooling2d", "MaxPooling2D", "(None, 14, 14, 6)", 0)]
    [InlineData("conv2d_1", "Conv2D", "(None, 10, 10, 16)", 2416)]
    [InlineData("max_pooling2d_1", "MaxPooling2D", "(None, 5, 5, 16)", 0)]
    [InlineData("flatten", "Flatten", "(None, 400)", 0)]
    [InlineData("dense", "Dense", "(None, 120)", 48120)]
    [InlineData("dense_1", "Dense", "(None, 84)", 10164)]
    [InlineData("dense_2", "Dense", "(None, 10)", 850)]
    public void LeNet5(string layer, string type, string shape, long parameters) =>
        AssertLayer("lenet5", layer, type, shape, parameters);

    [Theory]
    [InlineData("conv2d", "Conv2D", "(None, 56, 56, 96)", 34944)]
    [InlineData("max_pooling2d", "MaxPooling2D", "(None, 28, 28, 96)", 0)]
    [InlineData("conv2d_1", "Conv2D", "(None, 28, 28, 256)", 614656)]
    [InlineData("max_pooling2d_1", "MaxPooling2D", "(None, 14, 14, 256)", 0)]
    [InlineData("conv2d_2", "Conv2D", "(None, 14, 14, 384)", 885120)]
    [InlineData("conv2d_3", "Conv2D", "(None, 14, 14, 384)", 1327488)]
    [InlineData("conv2d_4", "Conv2D", "(None, 5, 5, 256)", 884992)]
    [InlineData("max_pooling2d_2", "MaxPooling2D", "(None, 3, 3, 256)", 0)]
    [InlineData("flatten", "Flatten", "(None, 2304)", 0)]
    [InlineData("dense", "Dense", "(None, 4096)", 9441280)]
    [InlineData("dropout", "Dropout", "(None, 4096)", 0)]
    [InlineData("dense_1", "Dense", "(None, 4096)", 16781312)]
    [InlineData("dropout_1", "Dropout", "(None, 4096)", 0)]
    [InlineData("dense_2", "Dense", "(None, 1000)", 4097000)]
    public void AlexNet(string layer, string type, string shape, long parameters) =>
        AssertLayer("alexnet", layer, type, shape, parameters);

    [Theory]
    [InlineData("input_1", "InputLayer", "(None, 224, 224, 3)", 0)]
    [InlineData("block1_conv1", "Conv2D", "(None, 224, 224, 64)", 1792)]
    [InlineData("block1_conv2", "Conv2D", "(None, 224, 224, 64)", 36928)]
    [InlineData("block1_pool", "MaxPooling2D", "(None, 112, 112, 64)", 0)]
    [InlineData("block2_conv1", "Conv2D", "(None, 112, 112, 128)", 73856)]
    [InlineData("block2_conv2", "Conv2D", "(None, 112, 112, 128)", 147584)]
    [InlineData("block2_pool", "MaxPooling2D", "(None, 56, 56, 128)", 0)]
    [InlineData("block3_conv1", "Conv2D", "(None, 56, 56, 256)", 295168)]
    [InlineData("block3_conv2", "Conv2D", "(None, 56, 56, 256)", 590080)]
    [InlineData("block3_conv3", "Conv2D", "(None, 56, 56, 256)", 590080)]
    [InlineData("block3_pool", "MaxPooling2D", "(None, 28, 28, 256)", 0)]
    [InlineData("block4_conv1", "Conv2D", "(None, 28, 28, 512)", 1180160)]
    [InlineData("block4_conv2", "Conv2D", "(None, 28, 28, 512)", 2359808)]
    [InlineData("block4_conv3", "Conv2D", "(None, 28, 28, 512)", 2359808)]
    [InlineData("block4_pool", "MaxPooling2D", "(None, 14, 14, 512)", 0)]
    [InlineData("block5_conv1", "Conv2D", "(None, 14, 14, 512)", 2359808)]
    [InlineData("block5_conv2", "Conv2D", "(None, 14, 14, 512)", 2359808)]
    [InlineData("block5_conv3", "Conv2D", "(None, 14, 14, 512)", 2359808)]
    [InlineData("block5_pool", "MaxPooling2D", "(None, 7, 7, 512)", 0)]
    [InlineData("flatten", "Flatten", "(None, 25088)", 0)]
    [InlineData("fc1", "Dense", "(None, 4096)", 102764544)]
    [InlineData("fc2", "Dense", "(None, 4096)", 16781312)]
    [InlineData("predictions", "Dense", "(None, 1000)", 4097000)]
    public void Vgg16(string layer, string type, string shape, long parameters) =>
        AssertLayer("vgg16", layer, type, shape, parameters);

    [Fact]
    public void Vgg16HasKerasApplicationsLayersInOrder()
    {
        var names = ModelZoo.Get("vgg16").Build().Analysis.Layers.Select(l => l.Name);

        Assert.Equal(
            [
                "input_1", "block1_conv1", "block1_conv2", "block1_pool", "block2_conv1", "block2_conv2", "block2_pool",
                "block3_conv1", "block3_conv2", "block3_conv3", "block3_pool", "block4_conv1", "block4_conv2", "block4_conv3", "block4_pool",
                "block5_conv1", "block5_conv2", "block5_conv3", "block5_pool", "flatten", "fc1", "fc2", "predictions",
            ],
            names);
    }

    [Theory]
    [InlineData("block3_conv4", "Conv2D", "(None, 56, 56, 256)", 590080)]
    [InlineData("block3_pool", "MaxPooling2D", "(None, 28, 28, 256)", 0)]
    [InlineData("block4_conv4", "Conv2D", "(None, 28, 28, 512)", 2359808)]
    [InlineData("block5_conv4", "Conv2D", "(None, 14, 14, 512)", 2359808)]
    [InlineData("block5_pool", "MaxPooling2D", "(None, 7, 7, 512)", 0)]
    [InlineData("fc1", "Dense", "(None, 4096)", 102764544)]
    public void Vgg19(string layer, string type, string shape, long parameters) =>
        AssertLayer("vgg19", layer, type, shape, parameters);

    [Theory]
    [InlineData("conv2d", "Conv2D", "(None, 28, 28, 64)", 3200)]
    [InlineData("max_pooling2d", "MaxPooling2D", "(None, 14, 14, 64)", 0)]
    [InlineData("conv2d_1", "Conv2D", "(None, 14, 14, 128)", 73856)]
    [InlineData("conv2d_2", "Conv2D", "(None, 14, 14, 128)", 147584)]
    [InlineData("max_pooling2d_1", "MaxPooling2D", "(None, 7, 7, 128)", 0)]
    [InlineData("conv2d_3", "Conv2D", "(None, 7, 7, 256)", 295168)]
    [InlineData("conv2d_4", "Conv2D", "(None, 7, 7, 256)", 590080)]
    [InlineData("max_pooling2d_2", "MaxPooling2D", "(None, 3, 3, 256)", 0)]
    [InlineData("flatten", "Flatten", "(None, 2304)", 0)]
    [InlineData("dense", "Dense", "(None, 128)", 295040)]
    [InlineData("dropout", "Dropout", "(None, 128)", 0)]
    [InlineData("dense_1", "Dense", "(None, 64)", 8256)]
    [InlineData("dropout_1", "Dropout", "(None, 64)", 0)]
    [InlineData("dense_2", "Dense", "(None, 10)", 650)]
    public void FashionCnn(string layer, string type, string shape, long parameters) =>
        AssertLayer("fashion-cnn", layer, type, shape, parameters);

    [Theory]
    [InlineData("lenet5", 61_706, 9)]
    [InlineData("alexnet", 34_066_792, 15)]
    [InlineData("vgg16", 138_357_544, 23)]
    [InlineData("vgg19", 143_667_240, 26)]
    [InlineData("fashion-cnn", 1_413_834, 15)]
    public void PublishedTotals(string model, long total, int layers)
    {
        var analysis = ModelZoo.Get(model).Build().Analysis;

        Assert.Equal(new FluentNets.Layers.ParamCount(total, 0), analysis.Params);
        Assert.Equal(layers, analysis.Layers.Count);
        Assert.Equal(analysis.Params, analysis.InferenceParams);
    }

    [Fact]
    public void Vgg16PrintsKerasApplicationsTotals()
    {
        var summary = ModelZoo.Get("vgg16").Build().Summary();

        Assert.Contains("Total params: 138,357,544 (527.79 MB)\nTrainable params: 138,357,544 (527.79 MB)\nNon-trainable params: 0 (0.00 B)\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void TheClassCountChangesOnlyTheClassifier()
    {
        var analysis = ModelZoo.Get("vgg16").Build(classes: 10).Analysis;

        Assert.Equal(Shape.Vector(10), analysis["predictions"].Shape);
        Assert.Equal(138_357_544 - 4_097_000 + 40_970, analysis.Params.Total);
    }

    [Fact]
    public void AnInputTooSmallForFivePoolsNamesTheLayerThatFails()
    {
        var error = Assert.Throws<NetBuildException>(() => ModelZoo.Get("vgg16").Build(Shape.Image(16, 16, 3)));

        Assert.Equal("block5_pool: pool 2x2 does not fit input 1x1x512 with valid padding: (1 - 2 + 0)/2 + 1 = 0. Use pad: Padding.Same or a smaller pool.", error.Message);
    }

    [Fact]
    public void AVectorInputIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => ModelZoo.Get("lenet5").Build(Shape.Vector(1024)));

        Assert.Equal("input_1: an image model needs an HxWxC input. Received: 1024.", error.Message);
    }

    private static void AssertLayer(string model, string layer, string type, string shape, long parameters)
    {
        var report = ModelZoo.Get(model).Build().Analysis[layer];

        Assert.Equal((type, shape, parameters), (report.Type, report.Shape.ToKeras(), report.Params.Total));
        Assert.Equal(0, report.Params.NonTrainable);
    }

    [Fact]
    public void AVectorInputIsReportedOnTheInputLayerAndANullInputIsRejected()
    {
        var error = Assert.Throws<NetBuildException>(() => Classic.Input(Shape.Vector(1024)));

        Assert.Equal("input_1", error.Layer);
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => Classic.Input(null!)).ParamName);
    }

    [Fact]
    public void VggRejectsANullBlockList() =>
        Assert.Equal("convsPerBlock", Assert.Throws<ArgumentNullException>(() => Vgg.Build("vgg", null!, Shape.Image(224, 224, 3))).ParamName);
}
