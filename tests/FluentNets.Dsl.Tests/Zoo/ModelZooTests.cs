using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Zoo;

public class ModelZooTests
{
    /// <summary>Every model in the order the zoo lists them.</summary>
    private static readonly string[] Names =
    [
        "lenet5", "alexnet", "vgg16", "vgg19", "fashion-cnn", "googlenet", "resnet50", "resnet101", "resnet152", "resnet50-pool55", "resnet34", "inception-v3", "xception", "se-resnet50",
        "inception-naive", "residual-identity", "residual-projection", "tv-resnet18", "tv-resnet34", "tv-resnet50", "tv-resnet101",
        "tv-resnet152", "tv-alexnet", "tv-vgg16", "tv-googlenet", "tv-inception-v3",
        "mobilenet", "mobilenet-v2", "tv-mobilenet-v2", "mobilenet-v3-small", "mobilenet-v3-large", "tv-mobilenet-v3-small", "tv-mobilenet-v3-large",
        "efficientnet-b0", "efficientnet-b1", "efficientnet-b2", "efficientnet-b3", "efficientnet-b4", "efficientnet-b5", "efficientnet-b6", "efficientnet-b7",
        "tv-efficientnet-b0", "tv-efficientnet-b1", "tv-efficientnet-b2", "tv-efficientnet-b3", "tv-efficientnet-b4", "tv-efficientnet-b5", "tv-efficientnet-b6", "tv-efficientnet-b7",
        "efficientnet-v2-b0", "efficientnet-v2-b1", "efficientnet-v2-b2", "efficientnet-v2-b3", "efficientnet-v2-s", "efficientnet-v2-m", "efficientnet-v2-l",
        "tv-efficientnet-v2-s", "tv-efficientnet-v2-m", "tv-efficientnet-v2-l", "tv-mnasnet0-5", "tv-mnasnet0-75", "tv-mnasnet1-0", "tv-mnasnet1-3",
        "densenet121", "densenet169", "densenet201", "resnet50-v2", "resnet101-v2", "resnet152-v2", "inception-resnet-v2", "nasnet-mobile", "nasnet-large",
        "convnext-tiny", "convnext-small", "convnext-base", "convnext-large", "convnext-xlarge",
        "tv-resnext50-32x4d", "tv-resnext101-32x8d", "tv-resnext101-64x4d", "tv-wide-resnet50-2", "tv-wide-resnet101-2",
        "tv-regnet-x-400mf", "tv-regnet-x-800mf", "tv-regnet-x-1-6gf", "tv-regnet-x-3-2gf", "tv-regnet-x-8gf", "tv-regnet-x-16gf", "tv-regnet-x-32gf",
        "tv-regnet-y-400mf", "tv-regnet-y-800mf", "tv-regnet-y-1-6gf", "tv-regnet-y-3-2gf", "tv-regnet-y-8gf", "tv-regnet-y-16gf", "tv-regnet-y-32gf", "tv-regnet-y-128gf",
        "tv-shufflenet-v2-x0-5", "tv-shufflenet-v2-x1-0", "tv-shufflenet-v2-x1-5", "tv-shufflenet-v2-x2-0", "tv-squeezenet1-0", "tv-squeezenet1-1",
        "tv-densenet121", "tv-densenet161", "tv-densenet169", "tv-densenet201", "tv-convnext-tiny", "tv-convnext-small", "tv-convnext-base", "tv-convnext-large",
        "tv-vgg11", "tv-vgg11-bn", "tv-vgg13", "tv-vgg13-bn", "tv-vgg16-bn", "tv-vgg19", "tv-vgg19-bn",
    ];

    [Theory]
    [InlineData("lenet5", "lenet5", "LeNet-5 (seed 000): two 5x5 ReLU convs with max pooling, three dense layers")]
    [InlineData("alexnet", "alexnet", "AlexNet as seed 000 writes it: SAME everywhere, stride-3 fifth conv")]
    [InlineData("vgg16", "vgg16", "VGG16 as in keras.applications")]
    [InlineData("vgg19", "vgg19", "VGG19 as in keras.applications")]
    [InlineData("fashion-cnn", "fashion_cnn", "Seed 001's Fashion-MNIST CNN (DefaultConv2D: 3x3 SAME ReLU; the first 7x7)")]
    [InlineData("googlenet", "googlenet", "GoogLeNet as seed 000 writes it: nine Inception modules, auxiliary heads after 4b and 4e")]
    [InlineData("resnet50", "resnet50", "ResNet50 as in keras.applications: conv1_pad, pool1_pad, bottlenecks [3, 4, 6, 3], BatchNorm epsilon 1.001e-5")]
    [InlineData("resnet101", "resnet101", "ResNet101 as in keras.applications: bottlenecks [3, 4, 23, 3]")]
    [InlineData("resnet152", "resnet152", "ResNet152 as in keras.applications: bottlenecks [3, 8, 36, 3]")]
    [InlineData("resnet50-pool55", "resnet50_pool55", "ResNet50 as seed 000 writes it: biased convs, bottlenecks [3, 4, 6, 3], unpadded stem pool to 55x55")]
    [InlineData("resnet34", "resnet34", "ResNet-34 of seed 001 (Hands-On ML): ResidualUnits of two 3x3 convs without bias")]
    [InlineData("inception-v3", "inception_v3", "InceptionV3 as in keras.applications: conv2d_bn everywhere (conv2d to conv2d_93), mixed0 to mixed10")]
    [InlineData("xception", "xception", "Xception as in keras.applications: separable convs in entry, middle (8 blocks) and exit flows")]
    [InlineData("se-resnet50", "se_resnet50", "ResNet50 (seed 000) with squeeze-and-excitation, ratio 16, on every bottleneck")]
    [InlineData("inception-naive", "inception_naive", "Seed 003's naive Inception module on CIFAR-10: four strided branches, no 1x1 reductions")]
    [InlineData("residual-identity", "residual_identity", "Seed 003's residual model for equal sizes: three 3x3 convs added to the input")]
    [InlineData("residual-projection", "residual_projection", "Seed 003's residual model for different sizes: a pooled map added to its own 1x1 conv")]
    [InlineData("tv-resnet18", "tv-resnet18", "ResNet-18 as torchvision 0.14 (state_dict keys as torchvision's)")]
    [InlineData("tv-resnet34", "tv-resnet34", "ResNet-34 as torchvision 0.14 (state_dict keys as torchvision's)")]
    [InlineData("tv-resnet50", "tv-resnet50", "ResNet-50 v1.5 as torchvision 0.14 (stride on the 3x3 conv)")]
    [InlineData("tv-resnet101", "tv-resnet101", "ResNet-101 v1.5 as torchvision 0.14")]
    [InlineData("tv-resnet152", "tv-resnet152", "ResNet-152 v1.5 as torchvision 0.14")]
    [InlineData("tv-alexnet", "tv-alexnet", "AlexNet as torchvision 0.14: 64-192-384-256-256 filters, adaptive 6x6 pool")]
    [InlineData("tv-vgg16", "tv-vgg16", "VGG16 as torchvision 0.14: adaptive 7x7 pool, (C, H, W) flatten")]
    [InlineData("tv-googlenet", "tv-googlenet", "GoogLeNet as torchvision 0.14: BatchNorm, ceil-mode pools, 3x3 \"5x5\" branch, aux heads after 4a and 4d")]
    [InlineData("tv-inception-v3", "tv-inception-v3", "Inception-v3 as torchvision 0.14: aux head on Mixed_6e, pools counting their padding")]
    [InlineData("densenet121", "densenet121", "DenseNet-121 as in keras.applications: dense blocks [6, 12, 24, 16], growth 32, transitions halving")]
    [InlineData("resnet50-v2", "resnet50v2", "ResNet50V2 as in keras.applications: pre-activation units [3, 4, 6, 3], stride on each stack's last unit, 1x1 max-pool shortcuts")]
    [InlineData("inception-resnet-v2", "inception_resnet_v2", "InceptionResNetV2 as in keras.applications: 10 block35, 20 block17, 10 block8 with scaled residuals, BatchNorm without gamma")]
    [InlineData("nasnet-mobile", "nasnet_mobile", "NASNetMobile as in keras.applications: NASNet-A (4 @ 1056), reduction and normal cells of separable convs")]
    [InlineData("convnext-tiny", "convnext_tiny", "ConvNeXt-Tiny as in keras.applications: ImageNet normalisation inside, stages [3, 3, 9, 3] of 96 to 768 channels")]
    [InlineData("tv-regnet-y-400mf", "tv-regnet-y-400mf", "RegNetY-400MF as torchvision 0.14: stages from w_0 48, w_a 27.89, w_m 2.09, group width 8")]
    [InlineData("tv-shufflenet-v2-x1-0", "tv-shufflenet-v2-x1-0", "ShuffleNet V2 1.0x as torchvision 0.14: channel split, shuffle in 2 groups, stages of 116, 232 and 464")]
    [InlineData("tv-vgg11-bn", "tv-vgg11-bn", "VGG11 with BatchNorm after every conv, as torchvision 0.14")]
    public void EveryModelIsListedWithItsDescriptionAndBuildsANetworkOfItsName(string name, string network, string description)
    {
        var model = ModelZoo.Get(name);

        Assert.Equal((name, description), (model.Name, model.Description));
        Assert.Equal(network, model.Build().Name);
    }

    [Fact]
    public void TheZooListsItsModelsInOrder() =>
        Assert.Equal(Names, ModelZoo.All.Select(m => m.Name));

    [Theory]
    [InlineData("LeNet5", "lenet5")]
    [InlineData("ResNet50", "resnet50")]
    [InlineData("resnet", null)]
    [InlineData("", null)]
    public void FindIgnoresCaseAndGivesNullForAnUnknownName(string name, string? expected) =>
        Assert.Equal(expected, ModelZoo.Find(name)?.Name);

    [Fact]
    public void GetOfAnUnknownNameListsTheKnownModels()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => ModelZoo.Get("resnet"));

        Assert.Equal(
            $"unknown model 'resnet'. Known models: {string.Join(", ", Names)}.",
            error.Message);
    }
}
