using FluentNets.Layers;
using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Zoo;

/// <summary>keras.applications' <c>include_top</c>, <c>pooling</c> and <c>classes</c> on every zoo builder, and its published counts.</summary>
public class ZooTopTests
{
    [Theory]
    [InlineData("resnet101", 44_707_176, 105_344)]
    [InlineData("resnet152", 60_419_944, 151_424)]
    public void KerasApplicationsResNetsHaveThePublishedCounts(string model, long total, long nonTrainable)
    {
        var counts = ModelZoo.Get(model).Build().Analysis.Params;

        Assert.Equal(total, counts.Total);
        Assert.Equal(nonTrainable, counts.NonTrainable);
    }

    // keras.applications' model.summary() with include_top=False at the default input.
    [Theory]
    [InlineData("vgg16", 14_714_688, 7, 7, 512)]
    [InlineData("resnet50", 23_587_712, 7, 7, 2048)]
    [InlineData("inception-v3", 21_802_784, 8, 8, 2048)]
    [InlineData("xception", 20_861_480, 10, 10, 2048)]
    public void WithoutTheTopAKerasModelEndsInItsLastFeatureMap(string model, long parameters, int height, int width, int channels)
    {
        var network = ModelZoo.Get(model).Build(includeTop: false);

        Assert.Equal(parameters, network.Analysis.Params.Total);
        Assert.Equal(Shape.Image(height, width, channels), network.Output.Shape);
    }

    [Theory]
    [InlineData(Pooling.Avg, "avg_pool", "global_average_pooling2d", typeof(GlobalPooling2D))]
    [InlineData(Pooling.Max, "max_pool", "global_max_pooling2d", typeof(GlobalPooling2D))]
    public void PoolingWithoutTheTopEndsInAVectorNamedAsKerasNamesIt(Pooling pooling, string name, string automatic, Type layer)
    {
        foreach (var model in ModelZoo.All)
        {
            var network = model.Build(includeTop: false, pooling: pooling);

            // keras.applications' ConvNeXt normalises what it pools: a LayerNormalization follows the pooling;
            // its MobileNet and MobileNetV2 leave the pooling layer unnamed.
            bool normalised = model.Family == "ConvNeXt" && !model.Name.StartsWith("tv-", StringComparison.Ordinal);
            string pool = model.Name is "mobilenet" or "mobilenet-v2" ? automatic : name;
            Assert.Equal(normalised ? "layer_normalization" : pool, network.Output.Name);
            Assert.IsType(layer, network.Nodes.Single(n => n.Name == pool).Layer);
            Assert.False(network.Output.Shape.IsImage, model.Name);
        }
    }

    [Fact]
    public void ClassesSetTheClassifierOfEveryModel()
    {
        foreach (var model in ModelZoo.All)
        {
            // Seed 000's GoogLeNet applies Dense(1000) to its 1x1x1024 map, so its scores stay a 1x1 image.
            var expected = model.Name == "googlenet" ? Shape.Image(1, 1, 7) : Shape.Vector(7);
            Assert.Equal(expected, model.Build(classes: 7).Output.Shape);
        }
    }

    [Fact]
    public void APoolingWithTheTopIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => ResNet.ResNet50(Shape.Image(224, 224, 3), pooling: Pooling.Avg));

        Assert.StartsWith("Expected pooling: Pooling.None with includeTop: true (the top has its own head). Received: pooling=Pooling.Avg.", e.Message);
    }

    // torchvision 0.14's trainable parameters outside fc, classifier, aux1, aux2 and AuxLogits, and the shape
    // of the module before its avgpool (layer4, features, inception5b, Mixed_7c), computed by torchvision
    // at 224x224 (299x299 for Inception-v3); ResNet-50's is its published 25,557,032 less fc's 2,049,000.
    [Theory]
    [InlineData("tv-resnet18", 224, 11_176_512, 7, 512)]
    [InlineData("tv-resnet34", 224, 21_284_672, 7, 512)]
    [InlineData("tv-resnet50", 224, 23_508_032, 7, 2048)]
    [InlineData("tv-resnet101", 224, 42_500_160, 7, 2048)]
    [InlineData("tv-resnet152", 224, 58_143_808, 7, 2048)]
    [InlineData("tv-alexnet", 224, 2_469_696, 6, 256)]
    [InlineData("tv-vgg16", 224, 14_714_688, 7, 512)]
    [InlineData("tv-googlenet", 224, 5_599_904, 7, 1024)]
    [InlineData("tv-inception-v3", 299, 21_785_568, 8, 2048)]
    public void WithoutTheTopATorchVisionModelEndsBeforeItsAveragePool(string model, int size, long trainable, int side, int channels)
    {
        var network = ModelZoo.Get(model).Build(Shape.Image(size, size, 3), includeTop: false);

        Assert.Equal(trainable, network.Analysis.Params.Trainable);
        Assert.Equal(Shape.Image(side, side, channels), network.Output.Shape);
        Assert.Empty(network.Auxiliary);
    }

    [Fact]
    public void WithoutTheTopSeedGoogLeNetLeavesOutTheClassifierAndTheAuxiliaryHeads()
    {
        // 6,994,392 without the auxiliary heads less the classifier's 1024 x 1000 + 1000.
        var network = ModelZoo.Get("googlenet").Build(includeTop: false);

        Assert.Equal(6_994_392 - 1_025_000, network.Analysis.Params.Total);
        Assert.Equal("inception_5b/output", network.Output.Name);
        Assert.Equal(Shape.Image(7, 7, 1024), network.Output.Shape);
        Assert.Empty(network.Auxiliary);
    }

    [Fact]
    public void WithoutTheTopInceptionV3TakesInputsTooSmallForItsAuxiliaryHead()
    {
        // keras.applications' smallest Inception-v3 input; the auxiliary head needs 299x299.
        Assert.Throws<NetBuildException>(() => ModelZoo.Get("tv-inception-v3").Build(Shape.Image(75, 75, 3)));

        var network = ModelZoo.Get("tv-inception-v3").Build(Shape.Image(75, 75, 3), includeTop: false, pooling: Pooling.Avg);

        Assert.Equal(Shape.Vector(2048), network.Output.Shape);
    }

    [Fact]
    public void UntilCutsTheNetworkAtANamedLayerAndDropsTheAuxiliaryHeads()
    {
        var googlenet = ModelZoo.Get("googlenet").Build();
        var inception = ModelZoo.Get("inception-v3").Build();

        var features = inception.Until("mixed7");
        var cut = googlenet.Until("inception_4e/output");

        Assert.Equal(Shape.Image(17, 17, 768), features.Output.Shape);
        Assert.Equal("mixed7", features.Nodes[^1].Name);
        Assert.Empty(cut.Auxiliary);
        Assert.Equal(Shape.Image(14, 14, 832), cut.Output.Shape);
        Assert.Same(inception, inception.Until("predictions"));
    }

    [Fact]
    public void UntilAnUnknownNameListsCloseNames()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelZoo.Get("resnet50").Build().Until("avg"));

        Assert.StartsWith("Expected the name of a layer of resnet50. Received: name=\"avg\". Layers with close names: avg_pool", e.Message);
    }

    [Fact]
    public void LogitsDropTheSoftmaxAndKeepTheParameters()
    {
        var vgg = ModelZoo.Get("vgg16").Build(Shape.Image(32, 32, 3), classes: 10);

        var logits = vgg.Logits();

        Assert.Equal(Activation.None, Assert.IsType<Dense>(logits.Output.Layer).Activation);
        Assert.Equal("predictions", logits.Output.Name);
        Assert.Equal(vgg.Analysis.Params, logits.Analysis.Params);
    }

    [Fact]
    public void LogitsOfANetworkWithoutASoftmaxSayWhatItEndsIn()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ModelZoo.Get("resnet50").Build(includeTop: false).Logits());

        Assert.Equal("resnet50: logits are the input of a final softmax, but the network ends in conv5_block3_out (Activation) without one.", e.Message);
    }
}
