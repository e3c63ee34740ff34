using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// keras.applications' InceptionResNetV2 (Szegedy et al., https://arxiv.org/abs/1602.07261;
/// <c>keras/src/applications/inception_resnet_v2.py</c>): every <c>conv2d_bn</c> a SAME conv without bias, a
/// BatchNorm without gamma and a ReLU, automatically named (<c>conv2d</c> to <c>conv2d_202</c>) except where Keras
/// names them, residuals scaled by an unnamed <c>CustomScaleLayer</c>, so that Keras's weight files load by name.
/// </summary>
public static class InceptionResNetV2
{
    /// <summary>
    /// InceptionResNetV2: 55,873,736 parameters (60,544 non-trainable) at 299x299x3, as Keras publishes. The stem,
    /// <c>mixed_5b</c>, ten <c>block35</c> (scale 0.17), <c>mixed_6a</c>, twenty <c>block17</c> (0.1), <c>mixed_7a</c>,
    /// ten <c>block8</c> (0.2; the last at 1.0 without its ReLU), <c>conv_7b</c>, then <c>avg_pool</c> and
    /// <c>predictions</c>.
    /// </summary>
    /// <param name="input">The input image (299x299x3 in Keras, 75x75 the smallest it accepts).</param>
    /// <param name="top">The classifier, or the pooling without it.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(Shape input, ZooTop top)
    {
        ArgumentNullException.ThrowIfNull(top);
        var x = Classic.Input(input, "input_layer")
            .Conv2dBn(32, 3, s: 2, pad: Padding.Valid)
            .Conv2dBn(32, 3, pad: Padding.Valid)
            .Conv2dBn(64, 3)
            .MaxPool(3, s: 2)
            .Conv2dBn(80, 1, pad: Padding.Valid)
            .Conv2dBn(192, 3, pad: Padding.Valid)
            .MaxPool(3, s: 2);
        x = Net.Concat(
            "mixed_5b",
            x.Conv2dBn(96, 1),
            x.Conv2dBn(48, 1).Conv2dBn(64, 5),
            x.Conv2dBn(64, 1).Conv2dBn(96, 3).Conv2dBn(96, 3),
            x.AvgPool(3, s: 1, pad: Padding.Same).Conv2dBn(64, 1));
        x = x.Repeat(10, (y, i) => Block(y, 0.17, Block35, $"block35_{i + 1}"));
        x = Net.Concat(
            "mixed_6a",
            x.Conv2dBn(384, 3, s: 2, pad: Padding.Valid),
            x.Conv2dBn(256, 1).Conv2dBn(256, 3).Conv2dBn(384, 3, s: 2, pad: Padding.Valid),
            x.MaxPool(3, s: 2));
        x = x.Repeat(20, (y, i) => Block(y, 0.1, Block17, $"block17_{i + 1}"));
        x = Net.Concat(
            "mixed_7a",
            x.Conv2dBn(256, 1).Conv2dBn(384, 3, s: 2, pad: Padding.Valid),
            x.Conv2dBn(256, 1).Conv2dBn(288, 3, s: 2, pad: Padding.Valid),
            x.Conv2dBn(256, 1).Conv2dBn(288, 3).Conv2dBn(320, 3, s: 2, pad: Padding.Valid),
            x.MaxPool(3, s: 2));
        x = x.Repeat(9, (y, i) => Block(y, 0.2, Block8, $"block8_{i + 1}"));
        x = Block(x, 1.0, Block8, "block8_10", activation: false)
            .Conv2dBn(1536, 1, name: "conv_7b");
        return top.Finish(x, "inception_resnet_v2", (features, classes) => features
            .GlobalAvgPool(name: "avg_pool")
            .Dense(classes, activation: Activation.Softmax, name: "predictions"));
    }

    /// <summary>
    /// keras.applications' <c>conv2d_bn</c>: a conv without bias (SAME by default), a BatchNorm without gamma
    /// (<c>scale=False</c>: the ReLU after it makes gamma redundant) and a ReLU, named <c>name</c>,
    /// <c>name_bn</c> and <c>name_ac</c>, or automatically when <paramref name="name"/> is null.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="filters">Filters.</param>
    /// <param name="kernel">Kernel size.</param>
    /// <param name="s">Stride, 1 by default.</param>
    /// <param name="pad">Padding, <see cref="Padding.Same"/> by default.</param>
    /// <param name="name">The conv's name, or null for Keras's automatic names.</param>
    /// <exception cref="NetBuildException">The kernel does not fit.</exception>
    public static Net<Image> Conv2dBn(this Net<Image> x, int filters, Size2 kernel, Size2? s = null, Padding? pad = null, string? name = null) =>
        x.Conv(filters, kernel, s: s, pad: pad ?? Padding.Same, bias: false, name: name)
            .BatchNorm(scale: false, name: name is null ? null : $"{name}_bn")
            .Relu(name: name is null ? null : $"{name}_ac");

    /// <summary>The 35x35 block's branches: 1x1 | 1x1, 3x3 | 1x1, 3x3, 3x3.</summary>
    private static Net<Image>[] Block35(Net<Image> x) =>
        [x.Conv2dBn(32, 1), x.Conv2dBn(32, 1).Conv2dBn(32, 3), x.Conv2dBn(32, 1).Conv2dBn(48, 3).Conv2dBn(64, 3)];

    /// <summary>The 17x17 block's branches: 1x1 | 1x1, 1x7, 7x1.</summary>
    private static Net<Image>[] Block17(Net<Image> x) =>
        [x.Conv2dBn(192, 1), x.Conv2dBn(128, 1).Conv2dBn(160, (1, 7)).Conv2dBn(192, (7, 1))];

    /// <summary>The 8x8 block's branches: 1x1 | 1x1, 1x3, 3x1.</summary>
    private static Net<Image>[] Block8(Net<Image> x) =>
        [x.Conv2dBn(192, 1), x.Conv2dBn(192, 1).Conv2dBn(224, (1, 3)).Conv2dBn(256, (3, 1))];

    /// <summary>
    /// keras.applications' <c>inception_resnet_block</c>: the branches concatenated by <c>{name}_mixed</c>, a biased
    /// 1x1 <c>{name}_conv</c> back to the input's channels, the scaled residual x + scale * r (an automatically named
    /// <c>CustomScaleLayer</c>), and the ReLU <c>{name}_ac</c>.
    /// </summary>
    private static Net<Image> Block(Net<Image> x, double scale, Func<Net<Image>, Net<Image>[]> branches, string name, bool activation = true)
    {
        var mixed = Net.Concat($"{name}_mixed", branches(x));
        var up = mixed.Conv(x.Shape.Channels, 1, pad: Padding.Same, name: $"{name}_conv");
        var sum = Net.ScaledAdd(null, x, up, scale);
        return activation ? sum.Relu(name: $"{name}_ac") : sum;
    }
}
