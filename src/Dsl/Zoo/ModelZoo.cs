namespace FluentNets.Zoo;

/// <summary>The architectures FluentNets ships, by name.</summary>
public static partial class ModelZoo
{
    private static readonly ZooModel[] Models = [.. Classics(), .. Mobile(), .. Modern()];

    /// <summary>The networks of 1998 to 2016: seeds' models, keras.applications' and torchvision's classics.</summary>
    private static ZooModel[] Classics() =>
    [
        new("lenet5", "LeNet", "LeNet-5 (seed 000): two 5x5 ReLU convs with max pooling, three dense layers", Shape.Image(32, 32, 1), 10,
            (input, top) => Classic.LeNet5(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("alexnet", "AlexNet", "AlexNet as seed 000 writes it: SAME everywhere, stride-3 fifth conv", Shape.Image(224, 224, 3), 1000,
            (input, top) => Classic.AlexNet(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("vgg16", "VGG", "VGG16 as in keras.applications", Shape.Image(224, 224, 3), 1000,
            (input, top) => Vgg.Build("vgg16", Vgg.Vgg16, input, top.Classes, top.IncludeTop, top.Pooling)),
        new("vgg19", "VGG", "VGG19 as in keras.applications", Shape.Image(224, 224, 3), 1000,
            (input, top) => Vgg.Build("vgg19", Vgg.Vgg19, input, top.Classes, top.IncludeTop, top.Pooling)),
        new("fashion-cnn", "Seed sketches", "Seed 001's Fashion-MNIST CNN (DefaultConv2D: 3x3 SAME ReLU; the first 7x7)", Shape.Image(28, 28, 1), 10,
            (input, top) => Classic.FashionCnn(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("googlenet", "GoogLeNet", "GoogLeNet as seed 000 writes it: nine Inception modules, auxiliary heads after 4b and 4e", Shape.Image(224, 224, 3), 1000,
            (input, top) => GoogLeNet.Build(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("resnet50", "ResNet", "ResNet50 as in keras.applications: conv1_pad, pool1_pad, bottlenecks [3, 4, 6, 3], BatchNorm epsilon 1.001e-5", Shape.Image(224, 224, 3), 1000,
            (input, top) => ResNet.Keras("resnet50", ResNet.Blocks50, input, top)),
        new("resnet101", "ResNet", "ResNet101 as in keras.applications: bottlenecks [3, 4, 23, 3]", Shape.Image(224, 224, 3), 1000,
            (input, top) => ResNet.Keras("resnet101", ResNet.Blocks101, input, top)),
        new("resnet152", "ResNet", "ResNet152 as in keras.applications: bottlenecks [3, 8, 36, 3]", Shape.Image(224, 224, 3), 1000,
            (input, top) => ResNet.Keras("resnet152", ResNet.Blocks152, input, top)),
        new("resnet50-pool55", "ResNet", "ResNet50 as seed 000 writes it: biased convs, bottlenecks [3, 4, 6, 3], unpadded stem pool to 55x55", Shape.Image(224, 224, 3), 1000,
            (input, top) => ResNet.ResNet50Pool55(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("resnet34", "ResNet", "ResNet-34 of seed 001 (Hands-On ML): ResidualUnits of two 3x3 convs without bias", Shape.Image(224, 224, 3), 10,
            (input, top) => ResNet.ResNet34(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("inception-v3", "Inception", "InceptionV3 as in keras.applications: conv2d_bn everywhere (conv2d to conv2d_93), mixed0 to mixed10", Shape.Image(299, 299, 3), 1000,
            (input, top) => InceptionV3.Build(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("xception", "Xception", "Xception as in keras.applications: separable convs in entry, middle (8 blocks) and exit flows", Shape.Image(299, 299, 3), 1000,
            (input, top) => Xception.Build(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("se-resnet50", "SENet", "ResNet50 (seed 000) with squeeze-and-excitation, ratio 16, on every bottleneck", Shape.Image(224, 224, 3), 1000,
            (input, top) => ResNet.SeResNet50(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("inception-naive", "Seed sketches", "Seed 003's naive Inception module on CIFAR-10: four strided branches, no 1x1 reductions", Shape.Image(32, 32, 3), 10,
            (input, top) => CifarSketches.NaiveInception(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("residual-identity", "Seed sketches", "Seed 003's residual model for equal sizes: three 3x3 convs added to the input", Shape.Image(32, 32, 3), 10,
            (input, top) => CifarSketches.ResidualIdentity(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("residual-projection", "Seed sketches", "Seed 003's residual model for different sizes: a pooled map added to its own 1x1 conv", Shape.Image(32, 32, 3), 10,
            (input, top) => CifarSketches.ResidualProjection(input, top.Classes, top.IncludeTop, top.Pooling)),

        // torchvision 0.14's models: their state dicts (.pth, .pt, .safetensors) load with no renaming.
        new("tv-resnet18", "ResNet", "ResNet-18 as torchvision 0.14 (state_dict keys as torchvision's)", Shape.Image(224, 224, 3), 1000,
            (input, top) => TorchVisionResNet.Build("tv-resnet18", TorchVisionResNet.ResNet18, bottleneck: false, input, top.Classes, top.IncludeTop, top.Pooling)),
        new("tv-resnet34", "ResNet", "ResNet-34 as torchvision 0.14 (state_dict keys as torchvision's)", Shape.Image(224, 224, 3), 1000,
            (input, top) => TorchVisionResNet.Build("tv-resnet34", TorchVisionResNet.ResNet34, bottleneck: false, input, top.Classes, top.IncludeTop, top.Pooling)),
        new("tv-resnet50", "ResNet", "ResNet-50 v1.5 as torchvision 0.14 (stride on the 3x3 conv)", Shape.Image(224, 224, 3), 1000,
            (input, top) => TorchVisionResNet.Build("tv-resnet50", TorchVisionResNet.ResNet50, bottleneck: true, input, top.Classes, top.IncludeTop, top.Pooling)),
        new("tv-resnet101", "ResNet", "ResNet-101 v1.5 as torchvision 0.14", Shape.Image(224, 224, 3), 1000,
            (input, top) => TorchVisionResNet.Build("tv-resnet101", TorchVisionResNet.ResNet101, bottleneck: true, input, top.Classes, top.IncludeTop, top.Pooling)),
        new("tv-resnet152", "ResNet", "ResNet-152 v1.5 as torchvision 0.14", Shape.Image(224, 224, 3), 1000,
            (input, top) => TorchVisionResNet.Build("tv-resnet152", TorchVisionResNet.ResNet152, bottleneck: true, input, top.Classes, top.IncludeTop, top.Pooling)),
        new("tv-alexnet", "AlexNet", "AlexNet as torchvision 0.14: 64-192-384-256-256 filters, adaptive 6x6 pool", Shape.Image(224, 224, 3), 1000,
            (input, top) => TorchVisionClassic.AlexNet(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("tv-vgg16", "VGG", "VGG16 as torchvision 0.14: adaptive 7x7 pool, (C, H, W) flatten", Shape.Image(224, 224, 3), 1000,
            (input, top) => TorchVisionClassic.Vgg("tv-vgg16", TorchVisionClassic.Vgg16, input, top.Classes, top.IncludeTop, top.Pooling)),
        new("tv-googlenet", "GoogLeNet", "GoogLeNet as torchvision 0.14: BatchNorm, ceil-mode pools, 3x3 \"5x5\" branch, aux heads after 4a and 4d", Shape.Image(224, 224, 3), 1000,
            (input, top) => TorchVisionGoogLeNet.Build(input, top.Classes, top.IncludeTop, top.Pooling)),
        new("tv-inception-v3", "Inception", "Inception-v3 as torchvision 0.14: aux head on Mixed_6e, pools counting their padding", Shape.Image(299, 299, 3), 1000,
            (input, top) => TorchVisionInceptionV3.Build(input, top.Classes, top.IncludeTop, top.Pooling)),
    ];

    /// <summary>Every model, in the order <c>fluentnets zoo</c> lists them.</summary>
    public static IReadOnlyList<ZooModel> All => Models;

    /// <summary>The model with that name (case-insensitive), or null.</summary>
    public static ZooModel? Find(string name) => Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The model with that name.</summary>
    /// <exception cref="KeyNotFoundException">No model has that name; the message lists the names.</exception>
    public static ZooModel Get(string name) => Find(name)
        ?? throw new KeyNotFoundException($"unknown model '{name}'. Known models: {string.Join(", ", Models.Select(m => m.Name))}.");
}
