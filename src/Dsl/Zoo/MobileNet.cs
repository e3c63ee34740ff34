using System.Collections.Immutable;
using System.Globalization;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// MobileNet (Howard et al., https://arxiv.org/abs/1704.04861) as keras.applications builds it
/// (<c>keras/src/applications/mobilenet.py</c>), layer for layer and name for name: <c>conv1</c>, then
/// 13 depthwise-separable blocks <c>conv_dw_{i}</c> / <c>conv_pw_{i}</c> with BatchNorm and ReLU6, a
/// <c>conv_pad_{i}</c> of one row and column at the bottom and right before each stride-2 depthwise
/// convolution, and the convolutional head <c>conv_preds</c>. BatchNorm keeps Keras's defaults
/// (epsilon 1e-3, momentum 0.99). keras.applications' preprocessing is <c>tf</c>: inputs in [-1, 1].
/// </summary>
public static class MobileNet
{
    /// <summary>Pointwise filters (at alpha 1) and stride of the 13 depthwise-separable blocks: the paper's Table 1.</summary>
    public static ImmutableArray<(int Filters, int Stride)> Blocks { get; } =
    [
        (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
        (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1),
    ];

    /// <summary>
    /// keras.applications' <c>MobileNet</c>: 4,253,864 parameters (21,888 non-trainable) at 224x224x3
    /// with 1000 classes, alpha 1 and depth multiplier 1, as Keras publishes. The network is named as
    /// Keras names it, <c>mobilenet_{alpha:0.00}_{rows}</c>.
    /// </summary>
    /// <param name="input">The input image (224x224x3 published; Keras asks for at least 32x32).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether the head is built: keep-dims average pool, <c>dropout</c>, the 1x1 <c>conv_preds</c>, <c>reshape_2</c> and the softmax <c>predictions</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by a global pool Keras names automatically (<c>global_average_pooling2d</c>).</param>
    /// <param name="alpha">The width multiplier: every convolution has int(filters * alpha) filters (0.25, 0.5, 0.75 and 1 are published).</param>
    /// <param name="depthMultiplier">Output channels of each depthwise convolution per input channel (Keras's <c>depth_multiplier</c>).</param>
    /// <param name="dropout">The head's dropout rate (Keras's default 1e-3).</param>
    /// <exception cref="ArgumentOutOfRangeException">alpha is not positive and finite.</exception>
    /// <exception cref="NetBuildException">The input is too small, alpha leaves a convolution no filters, or depthMultiplier or dropout is out of range.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(
        Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None, double alpha = 1.0, int depthMultiplier = 1, double dropout = 1e-3)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Expected a positive width multiplier. Received: alpha={alpha}.");
        }

        var x = KerasApplications.Input(input)
            .Conv((int)(32 * alpha), 3, s: 2, pad: Padding.Same, bias: false, name: "conv1")
            .BatchNorm(name: "conv1_bn")
            .Relu(name: "conv1_relu", maxValue: 6);
        for (int i = 0; i < Blocks.Length; i++)
        {
            x = DepthwiseSeparable(x, (int)(Blocks[i].Filters * alpha), depthMultiplier, Blocks[i].Stride, i + 1);
        }

        string name = string.Create(CultureInfo.InvariantCulture, $"mobilenet_{alpha:0.00}_{input.Height}");
        return new ZooTop(classes, includeTop, pooling).Finish(
            x,
            name,
            (features, c) => features
                .GlobalAvgPoolKeepDims()
                .Dropout(dropout, name: "dropout")
                .Conv(c, 1, pad: Padding.Same, name: "conv_preds")
                .Reshape(c, name: "reshape_2")
                .Softmax(name: "predictions"),
            automaticPoolName: true);
    }

    /// <summary>
    /// Keras's <c>_depthwise_conv_block</c>: a 3x3 depthwise convolution (SAME, or VALID after <c>conv_pad_{id}</c>
    /// at stride 2), BatchNorm and ReLU6, then a 1x1 pointwise convolution to <paramref name="filters"/>, BatchNorm
    /// and ReLU6; no convolution has a bias.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="filters">Filters of the pointwise convolution, alpha applied.</param>
    /// <param name="depthMultiplier">Depthwise outputs per input channel.</param>
    /// <param name="stride">Stride of the depthwise convolution.</param>
    /// <param name="id">The block's number, 1 to 13, in its layers' names.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride, or an argument is out of range.</exception>
    public static Net<Image> DepthwiseSeparable(Net<Image> x, int filters, int depthMultiplier, int stride, int id)
    {
        ArgumentNullException.ThrowIfNull(x);
        var padded = stride == 1 ? x : x.ZeroPad((0, 1, 0, 1), name: $"conv_pad_{id}");
        return padded
            .DepthwiseConv(3, depthMultiplier, s: stride, pad: stride == 1 ? Padding.Same : Padding.Valid, bias: false, name: $"conv_dw_{id}")
            .BatchNorm(name: $"conv_dw_{id}_bn")
            .Relu(name: $"conv_dw_{id}_relu", maxValue: 6)
            .Conv(filters, 1, pad: Padding.Same, bias: false, name: $"conv_pw_{id}")
            .BatchNorm(name: $"conv_pw_{id}_bn")
            .Relu(name: $"conv_pw_{id}_relu", maxValue: 6);
    }
}
