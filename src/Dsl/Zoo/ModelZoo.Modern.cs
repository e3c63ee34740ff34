namespace FluentNets.Zoo;

/// <content>
/// The grouped, dense and normalised families: ResNeXt, Wide ResNet, RegNet, ShuffleNetV2, SqueezeNet, DenseNet,
/// ConvNeXt, ResNetV2, Inception-ResNet-v2, NASNet and torchvision's VGG variants.
/// </content>
public static partial class ModelZoo
{
    private static ZooModel[] Modern() =>
    [
        .. KerasModern(),
        .. TorchVisionResNets(),
        .. TorchVisionRegNets(),
        .. TorchVisionSmall(),
        .. TorchVisionDenseNets(),
        .. TorchVisionConvNeXts(),
        .. TorchVisionVggs(),
    ];

    /// <summary>keras.applications' DenseNet, ResNetV2, Inception-ResNet-v2, NASNet and ConvNeXt, named as Keras 3 names them.</summary>
    private static ZooModel[] KerasModern() =>
    [
        Keras("densenet121", "DenseNet", "DenseNet-121 as in keras.applications: dense blocks [6, 12, 24, 16], growth 32, transitions halving", 224,
            (input, top) => DenseNet.Build("densenet121", DenseNetDesign.DenseNet121, input, top)),
        Keras("densenet169", "DenseNet", "DenseNet-169 as in keras.applications: dense blocks [6, 12, 32, 32]", 224,
            (input, top) => DenseNet.Build("densenet169", DenseNetDesign.DenseNet169, input, top)),
        Keras("densenet201", "DenseNet", "DenseNet-201 as in keras.applications: dense blocks [6, 12, 48, 32]", 224,
            (input, top) => DenseNet.Build("densenet201", DenseNetDesign.DenseNet201, input, top)),
        Keras("resnet50-v2", "ResNet", "ResNet50V2 as in keras.applications: pre-activation units [3, 4, 6, 3], stride on each stack's last unit, 1x1 max-pool shortcuts", 224,
            (input, top) => ResNetV2.Build("resnet50v2", ResNet.Blocks50, input, top)),
        Keras("resnet101-v2", "ResNet", "ResNet101V2 as in keras.applications: pre-activation units [3, 4, 23, 3]", 224,
            (input, top) => ResNetV2.Build("resnet101v2", ResNet.Blocks101, input, top)),
        Keras("resnet152-v2", "ResNet", "ResNet152V2 as in keras.applications: pre-activation units [3, 8, 36, 3]", 224,
            (input, top) => ResNetV2.Build("resnet152v2", ResNet.Blocks152, input, top)),
        Keras("inception-resnet-v2", "Inception", "InceptionResNetV2 as in keras.applications: 10 block35, 20 block17, 10 block8 with scaled residuals, BatchNorm without gamma", 299,
            (input, top) => InceptionResNetV2.Build(input, top)),
        Keras("nasnet-mobile", "NASNet", "NASNetMobile as in keras.applications: NASNet-A (4 @ 1056), reduction and normal cells of separable convs", 224,
            (input, top) => NasNet.Build("nasnet_mobile", NasNetDesign.Mobile, input, top)),
        Keras("nasnet-large", "NASNet", "NASNetLarge as in keras.applications: NASNet-A (6 @ 4032), skipping the reduction cells' outputs", 331,
            (input, top) => NasNet.Build("nasnet_large", NasNetDesign.Large, input, top)),
        Keras("convnext-tiny", "ConvNeXt", "ConvNeXt-Tiny as in keras.applications: ImageNet normalisation inside, stages [3, 3, 9, 3] of 96 to 768 channels", 224,
            (input, top) => ConvNeXt.Build("convnext_tiny", ConvNeXtDesign.Tiny, input, top)),
        Keras("convnext-small", "ConvNeXt", "ConvNeXt-Small as in keras.applications: stages [3, 3, 27, 3] of 96 to 768 channels", 224,
            (input, top) => ConvNeXt.Build("convnext_small", ConvNeXtDesign.Small, input, top)),
        Keras("convnext-base", "ConvNeXt", "ConvNeXt-Base as in keras.applications: stages [3, 3, 27, 3] of 128 to 1024 channels", 224,
            (input, top) => ConvNeXt.Build("convnext_base", ConvNeXtDesign.Base, input, top)),
        Keras("convnext-large", "ConvNeXt", "ConvNeXt-Large as in keras.applications: stages [3, 3, 27, 3] of 192 to 1536 channels", 224,
            (input, top) => ConvNeXt.Build("convnext_large", ConvNeXtDesign.Large, input, top)),
        Keras("convnext-xlarge", "ConvNeXt", "ConvNeXt-XLarge as in keras.applications: stages [3, 3, 27, 3] of 256 to 2048 channels", 224,
            (input, top) => ConvNeXt.Build("convnext_xlarge", ConvNeXtDesign.XLarge, input, top)),
    ];

    /// <summary>torchvision's ResNeXt and Wide ResNet: ResNet-50 and -101 with wider or grouped 3x3 convs.</summary>
    private static ZooModel[] TorchVisionResNets() =>
    [
        TorchVision("tv-resnext50-32x4d", "ResNeXt", "ResNeXt-50 32x4d as torchvision 0.14: 3x3 convs in 32 groups", (input, top) =>
            TorchVisionResNet.Build("tv-resnext50-32x4d", TorchVisionResNet.ResNet50, bottleneck: true, input, top.Classes, top.IncludeTop, top.Pooling, TorchVisionResNet.ResNeXt50X32X4D)),
        TorchVision("tv-resnext101-32x8d", "ResNeXt", "ResNeXt-101 32x8d as torchvision 0.14", (input, top) =>
            TorchVisionResNet.Build("tv-resnext101-32x8d", TorchVisionResNet.ResNet101, bottleneck: true, input, top.Classes, top.IncludeTop, top.Pooling, TorchVisionResNet.ResNeXt101X32X8D)),
        TorchVision("tv-resnext101-64x4d", "ResNeXt", "ResNeXt-101 64x4d as torchvision 0.14", (input, top) =>
            TorchVisionResNet.Build("tv-resnext101-64x4d", TorchVisionResNet.ResNet101, bottleneck: true, input, top.Classes, top.IncludeTop, top.Pooling, TorchVisionResNet.ResNeXt101X64X4D)),
        TorchVision("tv-wide-resnet50-2", "Wide ResNet", "Wide ResNet-50-2 as torchvision 0.14: bottlenecks twice as wide inside", (input, top) =>
            TorchVisionResNet.Build("tv-wide-resnet50-2", TorchVisionResNet.ResNet50, bottleneck: true, input, top.Classes, top.IncludeTop, top.Pooling, TorchVisionResNet.Wide2)),
        TorchVision("tv-wide-resnet101-2", "Wide ResNet", "Wide ResNet-101-2 as torchvision 0.14", (input, top) =>
            TorchVisionResNet.Build("tv-wide-resnet101-2", TorchVisionResNet.ResNet101, bottleneck: true, input, top.Classes, top.IncludeTop, top.Pooling, TorchVisionResNet.Wide2)),
    ];

    /// <summary>torchvision's RegNetX and RegNetY, their stages computed from the design-space parameters.</summary>
    private static ZooModel[] TorchVisionRegNets() =>
    [
        RegNet("tv-regnet-x-400mf", RegNetDesign.X400MF, "RegNetX-400MF"),
        RegNet("tv-regnet-x-800mf", RegNetDesign.X800MF, "RegNetX-800MF"),
        RegNet("tv-regnet-x-1-6gf", RegNetDesign.X1_6GF, "RegNetX-1.6GF"),
        RegNet("tv-regnet-x-3-2gf", RegNetDesign.X3_2GF, "RegNetX-3.2GF"),
        RegNet("tv-regnet-x-8gf", RegNetDesign.X8GF, "RegNetX-8GF"),
        RegNet("tv-regnet-x-16gf", RegNetDesign.X16GF, "RegNetX-16GF"),
        RegNet("tv-regnet-x-32gf", RegNetDesign.X32GF, "RegNetX-32GF"),
        RegNet("tv-regnet-y-400mf", RegNetDesign.Y400MF, "RegNetY-400MF"),
        RegNet("tv-regnet-y-800mf", RegNetDesign.Y800MF, "RegNetY-800MF"),
        RegNet("tv-regnet-y-1-6gf", RegNetDesign.Y1_6GF, "RegNetY-1.6GF"),
        RegNet("tv-regnet-y-3-2gf", RegNetDesign.Y3_2GF, "RegNetY-3.2GF"),
        RegNet("tv-regnet-y-8gf", RegNetDesign.Y8GF, "RegNetY-8GF"),
        RegNet("tv-regnet-y-16gf", RegNetDesign.Y16GF, "RegNetY-16GF"),
        RegNet("tv-regnet-y-32gf", RegNetDesign.Y32GF, "RegNetY-32GF"),
        RegNet("tv-regnet-y-128gf", RegNetDesign.Y128GF, "RegNetY-128GF"),
    ];

    /// <summary>torchvision's ShuffleNetV2 and SqueezeNet.</summary>
    private static ZooModel[] TorchVisionSmall() =>
    [
        ShuffleNet("tv-shufflenet-v2-x0-5", TorchVisionShuffleNetV2.X0_5, "0.5x"),
        ShuffleNet("tv-shufflenet-v2-x1-0", TorchVisionShuffleNetV2.X1_0, "1.0x"),
        ShuffleNet("tv-shufflenet-v2-x1-5", TorchVisionShuffleNetV2.X1_5, "1.5x"),
        ShuffleNet("tv-shufflenet-v2-x2-0", TorchVisionShuffleNetV2.X2_0, "2.0x"),
        TorchVision("tv-squeezenet1-0", "SqueezeNet", "SqueezeNet 1.0 as torchvision 0.14: Fire modules, ceil-mode pools, a 1x1 conv classifier", (input, top) =>
            TorchVisionSqueezeNet.Build("tv-squeezenet1-0", SqueezeNetVersion.V1_0, input, top.Classes, top.IncludeTop, top.Pooling)),
        TorchVision("tv-squeezenet1-1", "SqueezeNet", "SqueezeNet 1.1 as torchvision 0.14: a 3x3 stem and earlier pools", (input, top) =>
            TorchVisionSqueezeNet.Build("tv-squeezenet1-1", SqueezeNetVersion.V1_1, input, top.Classes, top.IncludeTop, top.Pooling)),
    ];

    /// <summary>torchvision's DenseNets.</summary>
    private static ZooModel[] TorchVisionDenseNets() =>
    [
        TorchVisionDenseNetModel("tv-densenet121", DenseNetDesign.DenseNet121, "DenseNet-121 as torchvision 0.14: dense blocks [6, 12, 24, 16], growth 32"),
        TorchVisionDenseNetModel("tv-densenet161", DenseNetDesign.DenseNet161, "DenseNet-161 as torchvision 0.14: dense blocks [6, 12, 36, 24], growth 48, a stem of 96"),
        TorchVisionDenseNetModel("tv-densenet169", DenseNetDesign.DenseNet169, "DenseNet-169 as torchvision 0.14: dense blocks [6, 12, 32, 32]"),
        TorchVisionDenseNetModel("tv-densenet201", DenseNetDesign.DenseNet201, "DenseNet-201 as torchvision 0.14: dense blocks [6, 12, 48, 32]"),
    ];

    /// <summary>torchvision's ConvNeXts, with torchvision's stochastic depth rates.</summary>
    private static ZooModel[] TorchVisionConvNeXts() =>
    [
        TorchVisionConvNeXtModel("tv-convnext-tiny", ConvNeXtDesign.Tiny, 0.1, "ConvNeXt-Tiny as torchvision 0.14: stages [3, 3, 9, 3] of 96 to 768 channels, stochastic depth to 0.1"),
        TorchVisionConvNeXtModel("tv-convnext-small", ConvNeXtDesign.Small, 0.4, "ConvNeXt-Small as torchvision 0.14: stages [3, 3, 27, 3], stochastic depth to 0.4"),
        TorchVisionConvNeXtModel("tv-convnext-base", ConvNeXtDesign.Base, 0.5, "ConvNeXt-Base as torchvision 0.14: 128 to 1024 channels, stochastic depth to 0.5"),
        TorchVisionConvNeXtModel("tv-convnext-large", ConvNeXtDesign.Large, 0.5, "ConvNeXt-Large as torchvision 0.14: 192 to 1536 channels, stochastic depth to 0.5"),
    ];

    /// <summary>torchvision's VGG configurations A, B, D and E, with and without BatchNorm (tv-vgg16 is a classic).</summary>
    private static ZooModel[] TorchVisionVggs() =>
    [
        VggModel("tv-vgg11", TorchVisionClassic.Vgg11, batchNorm: false, "VGG11 (configuration A) as torchvision 0.14"),
        VggModel("tv-vgg11-bn", TorchVisionClassic.Vgg11, batchNorm: true, "VGG11 with BatchNorm after every conv, as torchvision 0.14"),
        VggModel("tv-vgg13", TorchVisionClassic.Vgg13, batchNorm: false, "VGG13 (configuration B) as torchvision 0.14"),
        VggModel("tv-vgg13-bn", TorchVisionClassic.Vgg13, batchNorm: true, "VGG13 with BatchNorm, as torchvision 0.14"),
        VggModel("tv-vgg16-bn", TorchVisionClassic.Vgg16, batchNorm: true, "VGG16 with BatchNorm, as torchvision 0.14"),
        VggModel("tv-vgg19", TorchVisionClassic.Vgg19, batchNorm: false, "VGG19 (configuration E) as torchvision 0.14"),
        VggModel("tv-vgg19-bn", TorchVisionClassic.Vgg19, batchNorm: true, "VGG19 with BatchNorm, as torchvision 0.14"),
    ];

    private static ZooModel Keras(string name, string family, string description, int size, Func<Shape, ZooTop, Graph.Network> builder) =>
        new(name, family, description, Shape.Image(size, size, 3), 1000, builder);

    private static ZooModel TorchVision(string name, string family, string description, Func<Shape, ZooTop, Graph.Network> builder) =>
        new(name, family, description, Shape.Image(224, 224, 3), 1000, builder);

    private static ZooModel RegNet(string name, RegNetDesign design, string paper) =>
        TorchVision(name, "RegNet", $"{paper} as torchvision 0.14: stages from w_0 {design.W0}, w_a {design.WA}, w_m {design.WM}, group width {design.GroupWidth}", (input, top) =>
            TorchVisionRegNet.Build(name, design, input, top.Classes, top.IncludeTop, top.Pooling));

    private static ZooModel ShuffleNet(string name, System.Collections.Immutable.ImmutableArray<int> channels, string width) =>
        TorchVision(name, "ShuffleNet", $"ShuffleNet V2 {width} as torchvision 0.14: channel split, shuffle in 2 groups, stages of {channels[1]}, {channels[2]} and {channels[3]}", (input, top) =>
            TorchVisionShuffleNetV2.Build(name, channels, input, top.Classes, top.IncludeTop, top.Pooling));

    private static ZooModel TorchVisionDenseNetModel(string name, DenseNetDesign design, string description) =>
        TorchVision(name, "DenseNet", description, (input, top) => TorchVisionDenseNet.Build(name, design, input, top.Classes, top.IncludeTop, top.Pooling));

    private static ZooModel TorchVisionConvNeXtModel(string name, ConvNeXtDesign design, double stochasticDepth, string description) =>
        TorchVision(name, "ConvNeXt", description, (input, top) =>
            TorchVisionConvNeXt.Build(name, design, stochasticDepth, input, top.Classes, top.IncludeTop, top.Pooling));

    private static ZooModel VggModel(string name, System.Collections.Immutable.ImmutableArray<int> configuration, bool batchNorm, string description) =>
        TorchVision(name, "VGG", description, (input, top) =>
            TorchVisionClassic.Vgg(name, configuration, input, top.Classes, top.IncludeTop, top.Pooling, batchNorm));
}
