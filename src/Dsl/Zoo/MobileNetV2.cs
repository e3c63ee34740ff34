using System.Collections.Immutable;
using System.Globalization;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// MobileNetV2 (Sandler et al., https://arxiv.org/abs/1801.04381) as keras.applications builds it
/// (<c>keras/src/applications/mobilenet_v2.py</c>), layer for layer and name for name: <c>Conv1</c>, the
/// inverted residual blocks <c>expanded_conv_</c> and <c>block_1_</c> to <c>block_16_</c>, <c>Conv_1</c> and
/// <c>out_relu</c>. Every BatchNorm has epsilon 1e-3 and momentum 0.999; a stride-2 depthwise convolution is
/// VALID after a <c>correct_pad</c> zero padding. keras.applications' preprocessing is <c>tf</c>: inputs in [-1, 1].
/// </summary>
public static class MobileNetV2
{
    /// <summary>Keras's BatchNorm momentum in MobileNetV2 and V3.</summary>
    public const double Momentum = 0.999;

    /// <summary>
    /// The paper's Table 2: expansion factor t, output channels c (at alpha 1), repeats n and the first
    /// block's stride s of each bottleneck stage.
    /// </summary>
    public static ImmutableArray<(int Expansion, int Filters, int Repeats, int Stride)> Stages { get; } =
    [
        (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1),
    ];

    /// <summary>
    /// keras.applications' <c>MobileNetV2</c>: 3,538,984 parameters (34,112 non-trainable) at 224x224x3 with
    /// 1000 classes and alpha 1, as Keras publishes; named as Keras names it, <c>mobilenetv2_{alpha:0.00}_{rows}</c>.
    /// </summary>
    /// <param name="input">The input image (224x224x3 published; Keras asks for at least 32x32).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether the global average pool and the softmax <c>predictions</c> are built.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by a global pool Keras names automatically.</param>
    /// <param name="alpha">
    /// The width multiplier (0.35, 0.5, 0.75, 1, 1.3 and 1.4 are published): a block's output channels are
    /// int(c * alpha) made divisible by 8, the stem's 32 * alpha made divisible by 8, and the last convolution's
    /// 1280 grows with alpha above 1 only.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">alpha is not positive and finite.</exception>
    /// <exception cref="NetBuildException">The input is too small for the five stride-2 steps.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None, double alpha = 1.0)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Expected a positive width multiplier. Received: alpha={alpha}.");
        }

        var x = KerasApplications.Input(input)
            .Conv(KerasApplications.MakeDivisible(32 * alpha), 3, s: 2, pad: Padding.Same, bias: false, name: "Conv1")
            .BatchNorm(Momentum, name: "bn_Conv1")
            .Relu(name: "Conv1_relu", maxValue: 6);
        int id = 0;
        foreach (var (expansion, filters, repeats, stride) in Stages)
        {
            for (int i = 0; i < repeats; i++)
            {
                x = InvertedResidual(x, expansion, KerasApplications.MakeDivisible((int)(filters * alpha)), i == 0 ? stride : 1, id++);
            }
        }

        x = x.Conv(alpha > 1 ? KerasApplications.MakeDivisible(1280 * alpha) : 1280, 1, pad: Padding.Same, bias: false, name: "Conv_1")
            .BatchNorm(Momentum, name: "Conv_1_bn")
            .Relu(name: "out_relu", maxValue: 6);
        string name = string.Create(CultureInfo.InvariantCulture, $"mobilenetv2_{alpha:0.00}_{input.Height}");
        return new ZooTop(classes, includeTop, pooling).Finish(
            x,
            name,
            (features, c) => features.GlobalAvgPool().Dense(c, activation: Activation.Softmax, name: "predictions"),
            automaticPoolName: true);
    }

    /// <summary>
    /// Keras's <c>_inverted_res_block</c>: a 1x1 expansion to <paramref name="expansion"/> times the input's
    /// channels with BatchNorm and ReLU6 (not in block 0, <c>expanded_conv_</c>), a 3x3 depthwise convolution
    /// with BatchNorm and ReLU6, a linear 1x1 projection to <paramref name="filters"/> with BatchNorm, and
    /// <c>{prefix}add</c> of the input where the shape is kept. Layers are named <c>block_{id}_expand</c>,
    /// <c>block_{id}_depthwise_BN</c>, ...
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="expansion">The expansion factor t.</param>
    /// <param name="filters">Output channels, alpha applied.</param>
    /// <param name="stride">Stride of the depthwise convolution.</param>
    /// <param name="id">The block's number, 0 to 16.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> InvertedResidual(Net<Image> x, int expansion, int filters, int stride, int id)
    {
        ArgumentNullException.ThrowIfNull(x);
        string prefix = id == 0 ? "expanded_conv_" : $"block_{id}_";
        var y = id == 0
            ? x
            : x.Conv(expansion * x.Shape.Channels, 1, pad: Padding.Same, bias: false, name: $"{prefix}expand")
                .BatchNorm(Momentum, name: $"{prefix}expand_BN")
                .Relu(name: $"{prefix}expand_relu", maxValue: 6);
        if (stride == 2)
        {
            y = y.ZeroPad(KerasApplications.CorrectPad(y, 3), name: $"{prefix}pad");
        }

        y = y.DepthwiseConv(3, s: stride, pad: stride == 1 ? Padding.Same : Padding.Valid, bias: false, name: $"{prefix}depthwise")
            .BatchNorm(Momentum, name: $"{prefix}depthwise_BN")
            .Relu(name: $"{prefix}depthwise_relu", maxValue: 6)
            .Conv(filters, 1, pad: Padding.Same, bias: false, name: $"{prefix}project")
            .BatchNorm(Momentum, name: $"{prefix}project_BN");
        return stride == 1 && x.Shape.Channels == filters ? Net.Add($"{prefix}add", x, y) : y;
    }
}
