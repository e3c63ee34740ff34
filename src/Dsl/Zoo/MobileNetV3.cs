using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// MobileNetV3 (Howard et al., https://arxiv.org/abs/1905.02244) as keras.applications builds it
/// (<c>keras/src/applications/mobilenet_v3.py</c>), layer for layer and name for name: the in-model
/// <c>rescaling</c> to [-1, 1] (unless <c>include_preprocessing=False</c>), <c>conv</c>, the inverted residual
/// blocks <c>expanded_conv_</c> to <c>expanded_conv_{n}_</c> with 3x3 or 5x5 depthwise convolutions and
/// squeeze-excite, <c>conv_1</c>, and the convolutional head <c>conv_2</c> and <c>logits</c>. Keras's
/// automatic names are kept where it leaves layers unnamed (<c>activation_3</c> for a hard-swish,
/// <c>re_lu_5</c> for a ReLU). BatchNorm has epsilon 1e-3 and momentum 0.999.
/// </summary>
/// <remarks>
/// Keras writes the squeeze-excite gate, hard-sigmoid, as <c>ReLU(6.0)(x + 3.0) * (1.0 / 6.0)</c>: a
/// <c>ReLU</c> layer between two <c>keras.ops</c> operations that are not layers (they are in
/// <c>model.summary()</c> but not in <c>model.layers</c> nor in the weight file). Here the two operations are
/// <see cref="Layers.Rescaling"/> layers named as Keras names the operations (<c>add_2</c>, <c>multiply_2</c>),
/// so the summary lists Keras's rows in Keras's order, and shows <c>Rescaling</c> where Keras shows
/// <c>Add</c> and <c>Multiply</c>.
/// </remarks>
public static class MobileNetV3
{
    /// <summary>
    /// MobileNetV3-Small's bottlenecks (the paper's Table 2, Keras's <c>stack_fn</c>): expansion of the input's
    /// channels, output channels at alpha 1, kernel, stride, whether it has squeeze-excite, and whether its
    /// activation is hard-swish rather than ReLU. The minimalistic model has 3x3 kernels, no squeeze-excite
    /// and ReLU everywhere.
    /// </summary>
    public static ImmutableArray<(double Expansion, int Filters, int Kernel, int Stride, bool SqueezeExcite, bool HardSwish)> Small { get; } =
    [
        (1, 16, 3, 2, true, false),
        (72.0 / 16, 24, 3, 2, false, false),
        (88.0 / 24, 24, 3, 1, false, false),
        (4, 40, 5, 2, true, true),
        (6, 40, 5, 1, true, true),
        (6, 40, 5, 1, true, true),
        (3, 48, 5, 1, true, true),
        (3, 48, 5, 1, true, true),
        (6, 96, 5, 2, true, true),
        (6, 96, 5, 1, true, true),
        (6, 96, 5, 1, true, true),
    ];

    /// <summary>MobileNetV3-Large's bottlenecks (the paper's Table 1), as <see cref="Small"/>.</summary>
    public static ImmutableArray<(double Expansion, int Filters, int Kernel, int Stride, bool SqueezeExcite, bool HardSwish)> Large { get; } =
    [
        (1, 16, 3, 1, false, false),
        (4, 24, 3, 2, false, false),
        (3, 24, 3, 1, false, false),
        (3, 40, 5, 2, true, false),
        (3, 40, 5, 1, true, false),
        (3, 40, 5, 1, true, false),
        (6, 80, 3, 2, false, true),
        (2.5, 80, 3, 1, false, true),
        (2.3, 80, 3, 1, false, true),
        (2.3, 80, 3, 1, false, true),
        (6, 112, 3, 1, true, true),
        (6, 112, 3, 1, true, true),
        (6, 160, 5, 2, true, true),
        (6, 160, 5, 1, true, true),
        (6, 160, 5, 1, true, true),
    ];

    /// <summary>
    /// keras.applications' <c>MobileNetV3Small</c>: 2,554,968 parameters (12,112 non-trainable) at 224x224x3 with
    /// 1000 classes, as Keras's layer definitions count them.
    /// </summary>
    /// <param name="input">The input image (224x224x3 published; Keras asks for at least 32x32).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether the head is built: keep-dims average pool, <c>conv_2</c>, dropout, <c>logits</c>, flatten and softmax.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <param name="alpha">The width multiplier: a block's output channels are its filters * alpha made divisible by 8 (0.75 and 1 are published).</param>
    /// <param name="minimalistic">3x3 kernels, no squeeze-excite and ReLU instead of hard-swish.</param>
    /// <param name="includePreprocessing">Whether the model rescales its input from [0, 255] to [-1, 1] itself.</param>
    /// <param name="dropout">The head's dropout rate; no dropout layer at 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">alpha is not positive and finite.</exception>
    /// <exception cref="NetBuildException">The input is too small, or dropout is out of range.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network BuildSmall(
        Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None, double alpha = 1.0,
        bool minimalistic = false, bool includePreprocessing = true, double dropout = 0.2) =>
        Build("MobileNetV3Small", Small, 1024, input, new ZooTop(classes, includeTop, pooling), alpha, minimalistic, includePreprocessing, dropout);

    /// <summary>
    /// keras.applications' <c>MobileNetV3Large</c>: 5,507,432 parameters (24,400 non-trainable) at 224x224x3 with
    /// 1000 classes, as Keras's layer definitions count them.
    /// </summary>
    /// <inheritdoc cref="BuildSmall" path="/param"/>
    /// <inheritdoc cref="BuildSmall" path="/exception"/>
    public static Network BuildLarge(
        Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None, double alpha = 1.0,
        bool minimalistic = false, bool includePreprocessing = true, double dropout = 0.2) =>
        Build("MobileNetV3Large", Large, 1280, input, new ZooTop(classes, includeTop, pooling), alpha, minimalistic, includePreprocessing, dropout);

    /// <summary>
    /// Keras's <c>MobileNetV3</c> for any bottlenecks: the stem (16 filters, 3x3/2 SAME), the bottlenecks, a 1x1
    /// <c>conv_1</c> to six times the last block's channels, then the head with <paramref name="lastPointChannels"/>
    /// (grown by alpha above 1 only).
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="blocks">The bottlenecks, e.g. <see cref="Small"/>.</param>
    /// <param name="lastPointChannels">Filters of the head's <c>conv_2</c> at alpha 1 (1024 Small, 1280 Large).</param>
    /// <param name="input">The input image.</param>
    /// <param name="top">The classifier, or the pooling without it.</param>
    /// <param name="alpha">The width multiplier.</param>
    /// <param name="minimalistic">3x3 kernels, no squeeze-excite and ReLU instead of hard-swish.</param>
    /// <param name="includePreprocessing">Whether the model rescales its input from [0, 255] to [-1, 1] itself.</param>
    /// <param name="dropout">The head's dropout rate; no dropout layer at 0.</param>
    /// <inheritdoc cref="BuildSmall" path="/exception"/>
    public static Network Build(
        string name, IReadOnlyList<(double Expansion, int Filters, int Kernel, int Stride, bool SqueezeExcite, bool HardSwish)> blocks,
        int lastPointChannels, Shape input, ZooTop top, double alpha = 1.0, bool minimalistic = false, bool includePreprocessing = true,
        double dropout = 0.2)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(top);
        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Expected a positive width multiplier. Received: alpha={alpha}.");
        }

        Func<Net<Image>, Net<Image>> activation = minimalistic ? Relu : HardSwish;
        var x = KerasApplications.Input(input);
        if (includePreprocessing)
        {
            x = x.Rescale(1 / 127.5, -1);
        }

        x = activation(x.Conv(16, 3, s: 2, pad: Padding.Same, bias: false, name: "conv").BatchNorm(MobileNetV2.Momentum, name: "conv_bn"));
        int gates = 0;
        for (int id = 0; id < blocks.Count; id++)
        {
            var block = blocks[id];
            bool squeezeExcite = block.SqueezeExcite && !minimalistic;
            x = InvertedResidual(
                x,
                block.Expansion,
                KerasApplications.MakeDivisible(block.Filters * alpha),
                minimalistic ? 3 : block.Kernel,
                block.Stride,
                block.HardSwish ? activation : Relu,
                squeezeExcite ? gates++ : null,
                id);
        }

        x = activation(x.Conv(KerasApplications.MakeDivisible(x.Shape.Channels * 6), 1, pad: Padding.Same, bias: false, name: "conv_1")
            .BatchNorm(MobileNetV2.Momentum, name: "conv_1_bn"));
        int lastPoint = alpha > 1 ? KerasApplications.MakeDivisible(lastPointChannels * alpha) : lastPointChannels;
        return top.Finish(x, name, (features, c) =>
        {
            var head = activation(features.GlobalAvgPoolKeepDims().Conv(lastPoint, 1, pad: Padding.Same, name: "conv_2"));
            return (dropout > 0 ? head.Dropout(dropout) : head)
                .Conv(c, 1, pad: Padding.Same, name: "logits")
                .Flatten()
                .Softmax(name: "predictions");
        });
    }

    /// <summary>
    /// Keras's <c>_inverted_res_block</c>: a 1x1 expansion to the input's channels times <paramref name="expansion"/>
    /// made divisible by 8 (not in block 0), a depthwise convolution (VALID after a <c>correct_pad</c> at stride 2),
    /// each with BatchNorm and <paramref name="activation"/>, squeeze-excite where <paramref name="gate"/> is given,
    /// a linear 1x1 projection with BatchNorm, and <c>{prefix}add</c> of the input where the shape is kept.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="expansion">The expansion factor.</param>
    /// <param name="filters">Output channels, alpha applied.</param>
    /// <param name="kernel">The depthwise kernel size.</param>
    /// <param name="stride">The depthwise stride.</param>
    /// <param name="activation">ReLU or hard-swish, each as a layer Keras names automatically.</param>
    /// <param name="gate">The number of the squeeze-excite gate in the model (from 0), which names its two operations; null for none.</param>
    /// <param name="id">The block's number, in its layers' names.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> InvertedResidual(
        Net<Image> x, double expansion, int filters, int kernel, int stride, Func<Net<Image>, Net<Image>> activation, int? gate, int id)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(activation);
        string prefix = id == 0 ? "expanded_conv_" : $"expanded_conv_{id}_";
        int expanded = KerasApplications.MakeDivisible(x.Shape.Channels * expansion);
        var y = id == 0
            ? x
            : activation(x.Conv(expanded, 1, pad: Padding.Same, bias: false, name: $"{prefix}expand").BatchNorm(MobileNetV2.Momentum, name: $"{prefix}expand_bn"));
        if (stride == 2)
        {
            y = y.ZeroPad(KerasApplications.CorrectPad(y, kernel), name: $"{prefix}depthwise_pad");
        }

        y = activation(y
            .DepthwiseConv(kernel, s: stride, pad: stride == 1 ? Padding.Same : Padding.Valid, bias: false, name: $"{prefix}depthwise")
            .BatchNorm(MobileNetV2.Momentum, name: $"{prefix}depthwise_bn"));
        if (gate is int number)
        {
            y = SqueezeExcite(y, expanded, prefix, number);
        }

        y = y.Conv(filters, 1, pad: Padding.Same, bias: false, name: $"{prefix}project").BatchNorm(MobileNetV2.Momentum, name: $"{prefix}project_bn");
        return stride == 1 && x.Shape.Channels == filters ? Net.Add($"{prefix}add", x, y) : y;
    }

    /// <summary>
    /// Keras's <c>_se_block</c>: keep-dims average pool, a 1x1 convolution to a quarter of
    /// <paramref name="filters"/> made divisible by 8 with a ReLU, a 1x1 convolution back to <paramref name="filters"/>,
    /// the hard-sigmoid gate relu6(x + 3) / 6 written as Keras writes it, and the input scaled by it.
    /// </summary>
    private static Net<Image> SqueezeExcite(Net<Image> x, int filters, string prefix, int gate)
    {
        string suffix = gate == 0 ? "" : $"_{gate}";
        var scale = x.GlobalAvgPoolKeepDims(name: $"{prefix}squeeze_excite_avg_pool")
            .Conv(KerasApplications.MakeDivisible(filters * 0.25), 1, pad: Padding.Same, name: $"{prefix}squeeze_excite_conv")
            .Activate(Activation.Relu, name: $"{prefix}squeeze_excite_relu", kerasClass: "ReLU")
            .Conv(filters, 1, pad: Padding.Same, name: $"{prefix}squeeze_excite_conv_1")
            .Rescale(1, 3, name: $"add{suffix}")
            .Relu(maxValue: 6)
            .Rescale(1.0 / 6.0, name: $"multiply{suffix}");
        return Net.Multiply($"{prefix}squeeze_excite_mul", x, scale);
    }

    /// <summary><c>mobilenet_v3.relu</c>: <c>layers.ReLU()</c>, named automatically (<c>re_lu_3</c>).</summary>
    private static Net<Image> Relu(Net<Image> x) => x.Activate(Activation.Relu, kerasClass: "ReLU");

    /// <summary><c>mobilenet_v3.hard_swish</c>: <c>layers.Activation("hard_swish")</c>, named automatically (<c>activation_2</c>).</summary>
    private static Net<Image> HardSwish(Net<Image> x) => x.HardSwish();
}
