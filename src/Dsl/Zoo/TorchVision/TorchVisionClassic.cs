using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's AlexNet and VGG16 (<c>torchvision/models/alexnet.py</c>, <c>vgg.py</c>): every layer
/// named by its index in torchvision's <c>features</c> and <c>classifier</c> sequences (<c>features.0</c>,
/// <c>classifier.1</c>), so a torchvision <c>state_dict</c> loads as it is; adaptive average pooling makes
/// any input size large enough for the convs give the classifier its fixed size, and the features are
/// flattened in PyTorch's (C, H, W) order.
/// </summary>
public static class TorchVisionClassic
{
    /// <summary>VGG11's configuration "A": conv widths, 0 for a 2x2 max pool.</summary>
    public static ImmutableArray<int> Vgg11 { get; } = [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0];

    /// <summary>VGG13's configuration "B".</summary>
    public static ImmutableArray<int> Vgg13 { get; } = [64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0];

    /// <summary>VGG16's configuration "D": conv widths, 0 for a 2x2 max pool.</summary>
    public static ImmutableArray<int> Vgg16 { get; } = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0];

    /// <summary>VGG19's configuration "E".</summary>
    public static ImmutableArray<int> Vgg19 { get; } = [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0];

    /// <summary>
    /// torchvision's AlexNet (the "one weird trick" variant of Krizhevsky 2014): 64, 192, 384, 256, 256
    /// filters, 3x3/2 max pools, adaptive average pooling to 6x6, dropout 0.5 before the two 4096-unit
    /// layers: 61,100,840 parameters with 1000 classes, as torchvision publishes.
    /// </summary>
    /// <param name="input">The input image (63x63 or larger).</param>
    /// <param name="classes">Outputs of the last layer.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in torchvision's <c>features</c> (<c>features.12</c>, before the adaptive pool), as keras.applications' <c>include_top=False</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network AlexNet(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None) =>
        new ZooTop(classes, includeTop, pooling).Finish(
            Classic.Input(input)
                .Conv(64, 11, s: 4, pad: Padding.Explicit(2), name: "features.0").Relu(name: "features.1")
                .MaxPool(3, s: 2, name: "features.2")
                .Conv(192, 5, pad: Padding.Explicit(2), name: "features.3").Relu(name: "features.4")
                .MaxPool(3, s: 2, name: "features.5")
                .Conv(384, 3, pad: Padding.Explicit(1), name: "features.6").Relu(name: "features.7")
                .Conv(256, 3, pad: Padding.Explicit(1), name: "features.8").Relu(name: "features.9")
                .Conv(256, 3, pad: Padding.Explicit(1), name: "features.10").Relu(name: "features.11")
                .MaxPool(3, s: 2, name: "features.12"),
            "tv-alexnet",
            (features, c) => features
                .AdaptiveAvgPool(6, name: "avgpool")
                .Flatten(name: "flatten", order: Layers.FlattenOrder.ChannelsHeightWidth)
                .Dropout(0.5, name: "classifier.0")
                .Dense(4096, name: "classifier.1").Relu(name: "classifier.2")
                .Dropout(0.5, name: "classifier.3")
                .Dense(4096, name: "classifier.4").Relu(name: "classifier.5")
                .Dense(c, name: "classifier.6"));

    /// <summary>
    /// torchvision's VGG: 3x3 convs with padding 1, each followed by BatchNorm in the <c>_bn</c> variants, and
    /// ReLU, 2x2/2 max pools, adaptive average pooling to 7x7, then 4096, 4096 and <paramref name="classes"/>
    /// units with dropout 0.5 after the first two. VGG16 (<see cref="Vgg16"/>) has 138,357,544 parameters with
    /// 1000 classes; the BatchNorm adds two trainable values per conv filter (VGG11-BN: 132,868,840).
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="configuration">Conv widths in order, 0 for a max pool.</param>
    /// <param name="input">The input image (32x32 or larger).</param>
    /// <param name="classes">Outputs of the last layer.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in torchvision's <c>features</c> (the last max pool, before the adaptive pool), as keras.applications' <c>include_top=False</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <param name="batchNorm">torchvision's <c>batch_norm</c>: a BatchNorm between each conv and its ReLU (<c>vgg16_bn</c>).</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Vgg(
        string name, ImmutableArray<int> configuration, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None, bool batchNorm = false)
    {
        var x = Classic.Input(input);
        int index = 0;
        foreach (int width in configuration)
        {
            if (width == 0)
            {
                x = x.MaxPool(2, s: 2, name: $"features.{index++}");
                continue;
            }

            x = x.Conv(width, 3, pad: Padding.Explicit(1), name: $"features.{index++}");
            if (batchNorm)
            {
                x = x.TorchBatchNorm(name: $"features.{index++}");
            }

            x = x.Relu(name: $"features.{index++}");
        }

        return new ZooTop(classes, includeTop, pooling).Finish(x, name, (features, c) => features
            .AdaptiveAvgPool(7, name: "avgpool")
            .Flatten(name: "flatten", order: Layers.FlattenOrder.ChannelsHeightWidth)
            .Dense(4096, name: "classifier.0").Relu(name: "classifier.1")
            .Dropout(0.5, name: "classifier.2")
            .Dense(4096, name: "classifier.3").Relu(name: "classifier.4")
            .Dropout(0.5, name: "classifier.5")
            .Dense(c, name: "classifier.6"));
    }
}
