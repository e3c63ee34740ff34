using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// Xception (Chollet, https://arxiv.org/abs/1610.02357) as Keras applications builds it
/// (<c>keras/src/applications/xception.py</c>), the model seed 001 fine-tunes.
/// </summary>
public static class Xception
{
    /// <summary>Output filters of the entry flow's three down-sampling blocks (block2 to block4).</summary>
    public static readonly int[] EntryFilters = [128, 256, 728];

    /// <summary>
    /// Keras applications' Xception with its top: two VALID convs, the entry flow's three
    /// residual blocks (separable convs, a 3x3/2 max pool, a strided 1x1 conv and BatchNorm as
    /// shortcut), eight identity blocks of three ReLU-separable-conv-BatchNorm steps in the middle
    /// flow, the exit block, two more separable convs, global average pool and softmax. No
    /// convolution has a bias. 22,910,480 parameters (54,528 non-trainable) at 299x299x3 with
    /// 1000 classes.
    /// </summary>
    /// <param name="input">The input image shape (299x299x3 in Keras).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <exception cref="NetBuildException">The input is too small (Keras asks for at least 71x71).</exception>
    public static Network Build(Shape input, int classes = 1000) =>
        Classic.Input(input)
            .Conv(32, 3, s: 2, bias: false, name: "block1_conv1")
            .BatchNorm(name: "block1_conv1_bn")
            .Relu(name: "block1_conv1_act")
            .Conv(64, 3, bias: false, name: "block1_conv2")
            .BatchNorm(name: "block1_conv2_bn")
            .Relu(name: "block1_conv2_act")
            .Repeat(EntryFilters.Length, (x, i) => x.Residual(
                b => b.SeparableConvBn(EntryFilters[i], "sepconv1", activate: i > 0)
                    .SeparableConvBn(EntryFilters[i], "sepconv2")
                    .MaxPool(3, s: 2, pad: Padding.Same, name: "pool"),
                projectionBias: false,
                name: $"block{i + 2}"))
            .Repeat(8, (x, i) => x.Residual(
                b => b.SeparableConvBn(728, "sepconv1").SeparableConvBn(728, "sepconv2").SeparableConvBn(728, "sepconv3"),
                Shortcut.Identity,
                name: $"block{i + 5}"))
            .Residual(
                b => b.SeparableConvBn(728, "sepconv1").SeparableConvBn(1024, "sepconv2").MaxPool(3, s: 2, pad: Padding.Same, name: "pool"),
                projectionBias: false,
                name: "block13")
            .SeparableConv(1536, 3, pad: Padding.Same, bias: false, name: "block14_sepconv1")
            .BatchNorm(name: "block14_sepconv1_bn")
            .Relu(name: "block14_sepconv1_act")
            .SeparableConv(2048, 3, pad: Padding.Same, bias: false, name: "block14_sepconv2")
            .BatchNorm(name: "block14_sepconv2_bn")
            .Relu(name: "block14_sepconv2_act")
            .GlobalAvgPool(name: "avg_pool")
            .Dense(classes, activation: Activation.Softmax, name: "predictions")
            .ToNetwork("xception");

    /// <summary>
    /// ReLU (unless <paramref name="activate"/> is false: block2 starts on an activated map), a 3x3
    /// SAME separable conv without bias, then BatchNorm; named <c>{name}_act</c>, <c>{name}</c>, <c>{name}_bn</c>.
    /// </summary>
    private static Net<Image> SeparableConvBn(this Net<Image> x, int filters, string name, bool activate = true) =>
        (activate ? x.Relu(name: $"{name}_act") : x)
            .SeparableConv(filters, 3, pad: Padding.Same, bias: false, name: name)
            .BatchNorm(name: $"{name}_bn");
}
