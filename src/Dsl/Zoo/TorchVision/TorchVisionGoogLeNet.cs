using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's GoogLeNet (<c>torchvision/models/googlenet.py</c>) with its auxiliary heads and
/// <c>transform_input=False</c>, named so that its <c>state_dict</c> loads as it is (<c>inception3a.branch2.1.conv.weight</c>
/// is the parameter <c>inception3a/branch2.1.conv.weight</c>, '/' read as '.').
/// </summary>
public static class TorchVisionGoogLeNet
{
    /// <summary>
    /// torchvision's GoogLeNet: <see cref="BasicConv2d"/> everywhere, ceil-mode max pools, nine Inception
    /// modules whose "5x5" branch is a 3x3 conv (as torchvision's, a known difference from the paper), an
    /// auxiliary head after 4a and after 4d, adaptive average pooling, dropout 0.2 and <c>fc</c>.
    /// 6,624,904 parameters without the auxiliary heads with 1000 classes, as torchvision publishes.
    /// </summary>
    /// <param name="input">The input image (torchvision's 224x224; 31x31 or larger, for the four ceil-mode pools).</param>
    /// <param name="classes">Outputs of <c>fc</c> and of the auxiliary heads.</param>
    /// <param name="includeTop">Whether the classifier (with the auxiliary heads) is built; without it the network ends in <c>inception5b</c>'s 1024-channel map, as keras.applications' <c>include_top=False</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        var top = new ZooTop(classes, includeTop, pooling);
        var features = Classic.Input(input)
            .BasicConv("conv1", 64, 7, s: 2, pad: Padding.Explicit(3))
            .MaxPool(3, s: 2, ceilMode: true, name: "maxpool1")
            .BasicConv("conv2", 64, 1)
            .BasicConv("conv3", 192, 3, pad: Padding.Explicit(1))
            .MaxPool(3, s: 2, ceilMode: true, name: "maxpool2")
            .Block("inception3a", x => Inception(x, 64, 96, 128, 16, 32, 32))
            .Block("inception3b", x => Inception(x, 128, 128, 192, 32, 96, 64))
            .MaxPool(3, s: 2, ceilMode: true, name: "maxpool3")
            .Block("inception4a", x => Inception(x, 192, 96, 208, 16, 48, 64))
            .Then(x => top.Aux(x, "aux1", Auxiliary, lossWeight: 0.3))
            .Block("inception4b", x => Inception(x, 160, 112, 224, 24, 64, 64))
            .Block("inception4c", x => Inception(x, 128, 128, 256, 24, 64, 64))
            .Block("inception4d", x => Inception(x, 112, 144, 288, 32, 64, 64))
            .Then(x => top.Aux(x, "aux2", Auxiliary, lossWeight: 0.3))
            .Block("inception4e", x => Inception(x, 256, 160, 320, 32, 128, 128))
            .MaxPool(2, s: 2, ceilMode: true, name: "maxpool4")
            .Block("inception5a", x => Inception(x, 256, 160, 320, 32, 128, 128))
            .Block("inception5b", x => Inception(x, 384, 192, 384, 48, 128, 128));
        return top.Finish(features, "tv-googlenet", (x, c) => x
            .GlobalAvgPool(name: "avgpool")
            .Dropout(0.2, name: "dropout")
            .Dense(c, name: "fc"));
    }

    /// <summary>
    /// torchvision's <c>Inception</c>: a 1x1 branch, 1x1 then 3x3, 1x1 then another 3x3 (the "5x5"
    /// branch), and a 3x3/1 ceil-mode max pool then 1x1, concatenated.
    /// </summary>
    /// <param name="x">The module's input; call it inside a block named as torchvision's module (<c>inception3a</c>) so that its state-dict keys match.</param>
    /// <param name="ch1x1">Filters of the 1x1 branch.</param>
    /// <param name="ch3x3Reduce">Filters of the 1x1 before the 3x3 branch.</param>
    /// <param name="ch3x3">Filters of the 3x3 branch.</param>
    /// <param name="ch5x5Reduce">Filters of the 1x1 before the "5x5" branch.</param>
    /// <param name="ch5x5">Filters of the "5x5" branch (a 3x3 convolution, as torchvision's).</param>
    /// <param name="poolProjection">Filters of the 1x1 after the max pool.</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> Inception(Net<Image> x, int ch1x1, int ch3x3Reduce, int ch3x3, int ch5x5Reduce, int ch5x5, int poolProjection) =>
        Net.Concat(
            "concat",
            x.BasicConv("branch1", ch1x1, 1),
            x.BasicConv("branch2.0", ch3x3Reduce, 1).BasicConv("branch2.1", ch3x3, 3, pad: Padding.Explicit(1)),
            x.BasicConv("branch3.0", ch5x5Reduce, 1).BasicConv("branch3.1", ch5x5, 3, pad: Padding.Explicit(1)),
            x.MaxPool(3, s: 1, pad: Padding.Explicit(1), ceilMode: true, name: "branch4.0").BasicConv("branch4.1", poolProjection, 1));

    /// <summary>torchvision's <c>InceptionAux</c>: adaptive average pooling to 4x4, a 1x1 <see cref="BasicConv2d"/> of 128, fc1 (1024) with ReLU, dropout 0.7, fc2.</summary>
    private static Net<Vector> Auxiliary(Net<Image> x, int classes) =>
        x.AdaptiveAvgPool(4, name: "avgpool")
            .BasicConv("conv", 128, 1)
            .Flatten(name: "flatten", order: Layers.FlattenOrder.ChannelsHeightWidth)
            .Dense(1024, name: "fc1").Relu(name: "relu")
            .Dropout(0.7, name: "dropout")
            .Dense(classes, name: "fc2");
}
