using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// Xception (Chollet, https://arxiv.org/abs/1610.02357) as keras.applications builds it
/// (<c>keras/src/applications/xception.py</c>), the model seed 001 fine-tunes, layer for layer and
/// name for name: <c>block1_conv1</c> to <c>block14_sepconv2_act</c>, and Keras's automatic names
/// for what it leaves unnamed (the shortcuts <c>conv2d</c> to <c>conv2d_3</c> with
/// <c>batch_normalization</c> to <c>batch_normalization_3</c>, the sums <c>add</c> to <c>add_11</c>).
/// </summary>
public static class Xception
{
    /// <summary>Output filters of the entry flow's three down-sampling blocks (block2 to block4).</summary>
    public static readonly ImmutableArray<int> EntryFilters = [128, 256, 728];

    /// <summary>
    /// keras.applications' Xception: two VALID convs, the entry flow's three residual blocks
    /// (separable convs, a 3x3/2 max pool, a strided 1x1 conv and BatchNorm as shortcut), eight
    /// identity blocks of three ReLU-separable-conv-BatchNorm steps in the middle flow, the exit
    /// block, two more separable convs, then <c>avg_pool</c> and <c>predictions</c>. No
    /// convolution has a bias. 22,910,480 parameters (54,528 non-trainable) at 299x299x3 with
    /// 1000 classes.
    /// </summary>
    /// <param name="input">The input image shape (299x299x3 in Keras).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether <c>avg_pool</c> and <c>predictions</c> are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input is too small (Keras asks for at least 71x71).</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        var x = Classic.Input(input)
            .Conv(32, 3, s: 2, bias: false, name: "block1_conv1")
            .BatchNorm(name: "block1_conv1_bn")
            .Relu(name: "block1_conv1_act")
            .Conv(64, 3, bias: false, name: "block1_conv2")
            .BatchNorm(name: "block1_conv2_bn")
            .Relu(name: "block1_conv2_act");
        for (int i = 0; i < EntryFilters.Length; i++)
        {
            string block = $"block{i + 2}";
            int filters = EntryFilters[i];
            bool activate = i > 0;
            x = Downsample(x, filters, block, y => y.SeparableConvBn(filters, $"{block}_sepconv1", activate).SeparableConvBn(filters, $"{block}_sepconv2"));
        }

        for (int i = 0; i < 8; i++)
        {
            string block = $"block{i + 5}";
            x = Net.Add(
                x.SeparableConvBn(728, $"{block}_sepconv1").SeparableConvBn(728, $"{block}_sepconv2").SeparableConvBn(728, $"{block}_sepconv3"),
                x);
        }

        x = Downsample(x, 1024, "block13", y => y.SeparableConvBn(728, "block13_sepconv1").SeparableConvBn(1024, "block13_sepconv2"))
            .SeparableConv(1536, 3, pad: Padding.Same, bias: false, name: "block14_sepconv1")
            .BatchNorm(name: "block14_sepconv1_bn")
            .Relu(name: "block14_sepconv1_act")
            .SeparableConv(2048, 3, pad: Padding.Same, bias: false, name: "block14_sepconv2")
            .BatchNorm(name: "block14_sepconv2_bn")
            .Relu(name: "block14_sepconv2_act");
        return new ZooTop(classes, includeTop, pooling).Finish(x, "xception", (features, c) => features
            .GlobalAvgPool(name: "avg_pool")
            .Dense(c, activation: Activation.Softmax, name: "predictions"));
    }

    /// <summary>
    /// An entry or exit block: the shortcut (a 1x1/2 conv and BatchNorm, named automatically, made
    /// first as Keras makes it), then <paramref name="body"/> and a 3x3/2 SAME <c>{block}_pool</c>, added.
    /// </summary>
    private static Net<Image> Downsample(Net<Image> x, int filters, string block, Func<Net<Image>, Net<Image>> body)
    {
        var residual = x.Conv(filters, 1, s: 2, pad: Padding.Same, bias: false).BatchNorm();
        return Net.Add(body(x).MaxPool(3, s: 2, pad: Padding.Same, name: $"{block}_pool"), residual);
    }

    /// <summary>
    /// ReLU (unless <paramref name="activate"/> is false: block2 starts on an activated map), a 3x3
    /// SAME separable conv without bias, then BatchNorm; named <c>{name}_act</c>, <c>{name}</c>, <c>{name}_bn</c>.
    /// </summary>
    private static Net<Image> SeparableConvBn(this Net<Image> x, int filters, string name, bool activate = true) =>
        (activate ? x.Relu(name: $"{name}_act") : x)
            .SeparableConv(filters, 3, pad: Padding.Same, bias: false, name: name)
            .BatchNorm(name: $"{name}_bn");
}
