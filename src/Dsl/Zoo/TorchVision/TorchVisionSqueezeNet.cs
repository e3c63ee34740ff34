using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's SqueezeNet (<c>torchvision/models/squeezenet.py</c>): every layer named by its index in
/// torchvision's <c>features</c> and <c>classifier</c> sequences, a Fire module a block named as its index
/// (<c>features.3/squeeze</c> is <c>features.3.squeeze.weight</c>), and a convolutional classifier.
/// </summary>
public static class TorchVisionSqueezeNet
{
    /// <summary>
    /// A torchvision SqueezeNet: the stride-2 stem conv with ReLU, a 3x3/2 ceil-mode max pool, the version's Fire
    /// modules and pools, then the classifier: dropout 0.5, a 1x1 conv to the classes, ReLU, and global
    /// average pooling. 1,248,424 (1.0) and 1,235,496 (1.1) parameters with 1000 classes, as torchvision publishes.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="version">The stem and modules, e.g. <see cref="SqueezeNetVersion.V1_0"/>.</param>
    /// <param name="input">The input image.</param>
    /// <param name="classes">Filters of the classifier's conv.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in <c>features</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(string name, SqueezeNetVersion version, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        ArgumentNullException.ThrowIfNull(version);
        var x = Classic.Input(input)
            .Conv(version.StemFilters, version.StemKernel, s: 2, name: "features.0")
            .Relu(name: "features.1")
            .MaxPool(3, s: 2, ceilMode: true, name: "features.2");
        int index = 3;
        foreach (int squeeze in version.Modules)
        {
            string module = $"features.{index++}";
            x = squeeze == 0
                ? x.MaxPool(3, s: 2, ceilMode: true, name: module)
                : x.Block(module, b => Fire(b, squeeze, 4 * squeeze, 4 * squeeze));
        }

        return new ZooTop(classes, includeTop, pooling).Finish(x, name, (features, c) => features
            .Dropout(0.5, name: "classifier.0")
            .Conv(c, 1, name: "classifier.1")
            .Relu(name: "classifier.2")
            .GlobalAvgPool(name: "classifier.3"));
    }

    /// <summary>
    /// torchvision's <c>Fire</c>: a 1x1 <c>squeeze</c> conv with ReLU, then a 1x1 <c>expand1x1</c> and a padded 3x3
    /// <c>expand3x3</c> conv, each with ReLU, concatenated. Every conv has a bias.
    /// </summary>
    /// <param name="x">The module's input.</param>
    /// <param name="squeeze">Filters of the squeeze conv.</param>
    /// <param name="expand1x1">Filters of the 1x1 expand conv.</param>
    /// <param name="expand3x3">Filters of the 3x3 expand conv.</param>
    /// <exception cref="NetBuildException">A name is taken.</exception>
    public static Net<Image> Fire(Net<Image> x, int squeeze, int expand1x1, int expand3x3)
    {
        ArgumentNullException.ThrowIfNull(x);
        var s = x.Conv(squeeze, 1, name: "squeeze").Relu(name: "squeeze_activation");
        return Net.Concat(
            "cat",
            s.Conv(expand1x1, 1, name: "expand1x1").Relu(name: "expand1x1_activation"),
            s.Conv(expand3x3, 3, pad: Padding.Explicit(1), name: "expand3x3").Relu(name: "expand3x3_activation"));
    }
}
