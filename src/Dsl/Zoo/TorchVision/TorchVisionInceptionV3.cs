using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's Inception-v3 (<c>torchvision/models/inception.py</c>) with its auxiliary head and
/// <c>transform_input=False</c>, named so that its <c>state_dict</c> loads as it is (<c>Mixed_5b.branch1x1.conv.weight</c>
/// is the parameter <c>Mixed_5b/branch1x1.conv.weight</c>, '/' read as '.').
/// </summary>
public static class TorchVisionInceptionV3
{
    /// <summary>
    /// torchvision's Inception3: the stem, InceptionA (5b, 5c, 5d), B (6a), C (6b to 6e), the auxiliary
    /// head on 6e, D (7a), E (7b, 7c), adaptive average pooling, dropout 0.5 and <c>fc</c>. Its pool
    /// branches average 3x3/1 windows with padding 1 counting the padding, as PyTorch's
    /// <c>avg_pool2d</c> does by default. 27,161,264 parameters with the auxiliary head and 1000
    /// classes, as torchvision publishes.
    /// </summary>
    /// <param name="input">The input image; the auxiliary head needs a 17x17 map after Mixed_6e, which 299x299 gives.</param>
    /// <param name="classes">Outputs of <c>fc</c> and of the auxiliary head.</param>
    /// <param name="includeTop">Whether the classifier (with the auxiliary head) is built; without it the network ends in <c>Mixed_7c</c>'s 2048-channel map and takes inputs down to 75x75, as keras.applications' <c>include_top=False</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        var top = new ZooTop(classes, includeTop, pooling);
        var features = Classic.Input(input)
            .BasicConv("Conv2d_1a_3x3", 32, 3, s: 2)
            .BasicConv("Conv2d_2a_3x3", 32, 3)
            .BasicConv("Conv2d_2b_3x3", 64, 3, pad: Padding.Explicit(1))
            .MaxPool(3, s: 2, name: "maxpool1")
            .BasicConv("Conv2d_3b_1x1", 80, 1)
            .BasicConv("Conv2d_4a_3x3", 192, 3)
            .MaxPool(3, s: 2, name: "maxpool2")
            .Block("Mixed_5b", x => InceptionA(x, 32))
            .Block("Mixed_5c", x => InceptionA(x, 64))
            .Block("Mixed_5d", x => InceptionA(x, 64))
            .Block("Mixed_6a", InceptionB)
            .Block("Mixed_6b", x => InceptionC(x, 128))
            .Block("Mixed_6c", x => InceptionC(x, 160))
            .Block("Mixed_6d", x => InceptionC(x, 160))
            .Block("Mixed_6e", x => InceptionC(x, 192))
            .Then(x => top.Aux(x, "AuxLogits", Auxiliary, lossWeight: 0.4))
            .Block("Mixed_7a", InceptionD)
            .Block("Mixed_7b", InceptionE)
            .Block("Mixed_7c", InceptionE);
        return top.Finish(features, "tv-inception-v3", (x, c) => x
            .GlobalAvgPool(name: "avgpool")
            .Dropout(0.5, name: "dropout")
            .Dense(c, name: "fc"));
    }

    private static Net<Image> PoolBranch(Net<Image> x, int filters) =>
        x.AvgPool(3, s: 1, pad: Padding.Explicit(1), countPadding: true, name: "avg_pool").BasicConv("branch_pool", filters, 1);

    /// <summary>torchvision's <c>InceptionA</c> (Mixed_5b to 5d): 1x1 | 1x1 then 5x5 | 1x1 then two 3x3 | 3x3 average pool counting its padding then 1x1.</summary>
    /// <param name="x">The module's input; call it inside a block named as torchvision's module (<c>Mixed_5b</c>) so that its state-dict keys match.</param>
    /// <param name="poolFeatures">Filters of the pool branch's 1x1 convolution (32 in Mixed_5b, 64 after).</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> InceptionA(Net<Image> x, int poolFeatures) =>
        Net.Concat(
            "concat",
            x.BasicConv("branch1x1", 64, 1),
            x.BasicConv("branch5x5_1", 48, 1).BasicConv("branch5x5_2", 64, 5, pad: Padding.Explicit(2)),
            x.BasicConv("branch3x3dbl_1", 64, 1)
                .BasicConv("branch3x3dbl_2", 96, 3, pad: Padding.Explicit(1))
                .BasicConv("branch3x3dbl_3", 96, 3, pad: Padding.Explicit(1)),
            PoolBranch(x, poolFeatures));

    /// <summary>torchvision's <c>InceptionB</c> (Mixed_6a), 35x35 to 17x17: a 3x3/2 conv | 1x1, 3x3 and a 3x3/2 conv | a 3x3/2 max pool.</summary>
    /// <param name="x">The module's input; call it inside a block named as torchvision's module (<c>Mixed_6a</c>) so that its state-dict keys match.</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> InceptionB(Net<Image> x) =>
        Net.Concat(
            "concat",
            x.BasicConv("branch3x3", 384, 3, s: 2),
            x.BasicConv("branch3x3dbl_1", 64, 1)
                .BasicConv("branch3x3dbl_2", 96, 3, pad: Padding.Explicit(1))
                .BasicConv("branch3x3dbl_3", 96, 3, s: 2),
            x.MaxPool(3, s: 2, name: "max_pool"));

    /// <summary>torchvision's <c>InceptionC</c> (Mixed_6b to 6e): 7x7 convolutions factorised into 1x7 and 7x1 with <paramref name="c7"/> filters inside.</summary>
    /// <param name="x">The module's input; call it inside a block named as torchvision's module (<c>Mixed_6b</c>) so that its state-dict keys match.</param>
    /// <param name="c7">Filters inside the factorised branches (128, 160, 160, 192 in torchvision).</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> InceptionC(Net<Image> x, int c7) =>
        Net.Concat(
            "concat",
            x.BasicConv("branch1x1", 192, 1),
            x.BasicConv("branch7x7_1", c7, 1)
                .BasicConv("branch7x7_2", c7, (1, 7), pad: Padding.Explicit(0, 3))
                .BasicConv("branch7x7_3", 192, (7, 1), pad: Padding.Explicit(3, 0)),
            x.BasicConv("branch7x7dbl_1", c7, 1)
                .BasicConv("branch7x7dbl_2", c7, (7, 1), pad: Padding.Explicit(3, 0))
                .BasicConv("branch7x7dbl_3", c7, (1, 7), pad: Padding.Explicit(0, 3))
                .BasicConv("branch7x7dbl_4", c7, (7, 1), pad: Padding.Explicit(3, 0))
                .BasicConv("branch7x7dbl_5", 192, (1, 7), pad: Padding.Explicit(0, 3)),
            PoolBranch(x, 192));

    /// <summary>torchvision's <c>InceptionD</c> (Mixed_7a), 17x17 to 8x8: 1x1 and a 3x3/2 conv | 1x1, 1x7, 7x1 and a 3x3/2 conv | a 3x3/2 max pool.</summary>
    /// <param name="x">The module's input; call it inside a block named as torchvision's module (<c>Mixed_7a</c>) so that its state-dict keys match.</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> InceptionD(Net<Image> x) =>
        Net.Concat(
            "concat",
            x.BasicConv("branch3x3_1", 192, 1).BasicConv("branch3x3_2", 320, 3, s: 2),
            x.BasicConv("branch7x7x3_1", 192, 1)
                .BasicConv("branch7x7x3_2", 192, (1, 7), pad: Padding.Explicit(0, 3))
                .BasicConv("branch7x7x3_3", 192, (7, 1), pad: Padding.Explicit(3, 0))
                .BasicConv("branch7x7x3_4", 192, 3, s: 2),
            x.MaxPool(3, s: 2, name: "max_pool"));

    /// <summary>torchvision's <c>InceptionE</c> (Mixed_7b, 7c): the 3x3 branches end in a 1x3 and a 3x1 conv side by side.</summary>
    /// <param name="x">The module's input; call it inside a block named as torchvision's module (<c>Mixed_7b</c>) so that its state-dict keys match.</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> InceptionE(Net<Image> x)
    {
        var branch3x3 = x.BasicConv("branch3x3_1", 384, 1);
        var branch3x3dbl = x.BasicConv("branch3x3dbl_1", 448, 1).BasicConv("branch3x3dbl_2", 384, 3, pad: Padding.Explicit(1));
        return Net.Concat(
            "concat",
            x.BasicConv("branch1x1", 320, 1),
            Net.Concat(
                "concat_3x3",
                branch3x3.BasicConv("branch3x3_2a", 384, (1, 3), pad: Padding.Explicit(0, 1)),
                branch3x3.BasicConv("branch3x3_2b", 384, (3, 1), pad: Padding.Explicit(1, 0))),
            Net.Concat(
                "concat_3x3dbl",
                branch3x3dbl.BasicConv("branch3x3dbl_3a", 384, (1, 3), pad: Padding.Explicit(0, 1)),
                branch3x3dbl.BasicConv("branch3x3dbl_3b", 384, (3, 1), pad: Padding.Explicit(1, 0))),
            PoolBranch(x, 192));
    }

    /// <summary>torchvision's <c>InceptionAux</c>: 5x5/3 average pool, 1x1 conv of 128, 5x5 conv of 768, adaptive average pooling to 1x1, fc.</summary>
    private static Net<Vector> Auxiliary(Net<Image> x, int classes) =>
        x.AvgPool(5, s: 3, name: "avg_pool")
            .BasicConv("conv0", 128, 1)
            .BasicConv("conv1", 768, 5)
            .GlobalAvgPool(name: "adaptive_avg_pool")
            .Dense(classes, name: "fc");
}
