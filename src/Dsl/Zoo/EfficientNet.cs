using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// EfficientNet B0 to B7 (Tan and Le, https://arxiv.org/abs/1905.11946) as keras.applications builds them
/// (<c>keras/src/applications/efficientnet.py</c>), layer for layer and name for name, with the structure Keras
/// builds for its ImageNet weights: the in-model preprocessing <c>rescaling</c> (1/255), <c>normalization</c>
/// (its mean, variance and count are weights of the file) and <c>rescaling_1</c> (Keras 3's extra division by
/// the square root of ImageNet's standard deviations, https://github.com/tensorflow/tensorflow/issues/49930),
/// then <c>stem_conv</c>, the MBConv blocks <c>block1a_</c> to <c>block7{x}_</c> with squeeze-excite and
/// stochastic depth, and <c>top_conv</c>. Inputs are pixels in [0, 255]; BatchNorm keeps Keras's defaults
/// (epsilon 1e-3, momentum 0.99); every activation is SiLU (Keras's "swish").
/// </summary>
public static class EfficientNet
{
    /// <summary>The stochastic depth rate of the last block; block i of n drops at 0.2 i / n.</summary>
    public const double DropConnectRate = 0.2;

    /// <summary>ImageNet's per-channel standard deviations (RGB), which Keras's Normalization is given as variances.</summary>
    public static ImmutableArray<double> ImageNetStddev { get; } = [0.229, 0.224, 0.225];

    /// <summary>
    /// B0's stages (the paper's Table 1, Keras's <c>DEFAULT_BLOCKS_ARGS</c>): kernel, repeats, input and output
    /// channels, expansion ratio and the first block's stride. Every block has squeeze-excite with ratio 0.25
    /// of its input channels.
    /// </summary>
    public static ImmutableArray<(int Kernel, int Repeats, int FiltersIn, int FiltersOut, int ExpandRatio, int Stride)> Stages { get; } =
    [
        (3, 1, 32, 16, 1, 1), (3, 2, 16, 24, 6, 2), (5, 2, 24, 40, 6, 2), (3, 3, 40, 80, 6, 2),
        (5, 3, 80, 112, 6, 1), (5, 4, 112, 192, 6, 2), (3, 1, 192, 320, 6, 1),
    ];

    /// <summary>
    /// The compound scaling of B0 to B7 (index 0 to 7): width and depth coefficients, the published input size and the
    /// head's dropout rate.
    /// </summary>
    public static ImmutableArray<(double Width, double Depth, int Size, double Dropout)> Scalings { get; } =
    [
        (1.0, 1.0, 224, 0.2), (1.0, 1.1, 240, 0.2), (1.1, 1.2, 260, 0.3), (1.2, 1.4, 300, 0.3),
        (1.4, 1.8, 380, 0.4), (1.6, 2.2, 456, 0.4), (1.8, 2.6, 528, 0.5), (2.0, 3.1, 600, 0.5),
    ];

    /// <summary>
    /// keras.applications' <c>EfficientNetB{variant}</c>, named <c>efficientnetb{variant}</c>: 5,330,571 parameters
    /// (B0) to 66,658,687 (B7) at the published sizes with 1000 classes, as Keras publishes, Normalization's mean,
    /// variance and count included.
    /// </summary>
    /// <param name="variant">0 to 7.</param>
    /// <param name="input">The input image (<see cref="Scalings"/>' size published; Keras asks for at least 32x32).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether <c>avg_pool</c>, <c>top_dropout</c> and <c>predictions</c> are built.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <param name="imagenetStructure">
    /// Whether the preprocessing has Keras's third layer <c>rescaling_1</c>, which Keras builds for
    /// <c>weights="imagenet"</c> (its default) and leaves out for <c>weights=None</c>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">variant is not 0 to 7.</exception>
    /// <exception cref="NetBuildException">The input is too small for the five stride-2 steps.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(int variant, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None, bool imagenetStructure = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variant);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(variant, Scalings.Length - 1);
        var (width, depth, _, dropout) = Scalings[variant];
        int Filters(int filters) => KerasApplications.MakeDivisible(filters * width);
        int Repeats(int repeats) => (int)Math.Ceiling(depth * repeats);

        var x = KerasApplications.Input(input).Rescale(1.0 / 255.0).Normalize();
        if (imagenetStructure)
        {
            x = x.Rescale([.. ImageNetStddev.Select(s => 1.0 / Math.Sqrt(s))], [0.0]);
        }

        x = x.ZeroPad(KerasApplications.CorrectPad(x, 3), name: "stem_conv_pad")
            .Conv(Filters(32), 3, s: 2, bias: false, name: "stem_conv")
            .BatchNorm(name: "stem_bn")
            .Silu(name: "stem_activation");
        double blocks = Stages.Sum(s => Repeats(s.Repeats));
        int index = 0;
        for (int i = 0; i < Stages.Length; i++)
        {
            var (kernel, repeats, filtersIn, filtersOut, expandRatio, stride) = Stages[i];
            for (int j = 0; j < Repeats(repeats); j++)
            {
                x = MBConv(
                    x, j == 0 ? Filters(filtersIn) : Filters(filtersOut), Filters(filtersOut), kernel, j == 0 ? stride : 1, expandRatio,
                    DropConnectRate * index++ / blocks, $"block{i + 1}{(char)('a' + j)}_");
            }
        }

        x = x.Conv(Filters(1280), 1, pad: Padding.Same, bias: false, name: "top_conv")
            .BatchNorm(name: "top_bn")
            .Silu(name: "top_activation");
        return new ZooTop(classes, includeTop, pooling).Finish(x, $"efficientnetb{variant}", (features, c) =>
        {
            var pooled = features.GlobalAvgPool(name: "avg_pool");
            return (dropout > 0 ? pooled.Dropout(dropout, name: "top_dropout") : pooled)
                .Dense(c, activation: Activation.Softmax, name: "predictions");
        });
    }

    /// <summary>
    /// Keras's EfficientNet <c>block</c>: a 1x1 expansion to <paramref name="expandRatio"/> times the input channels
    /// (none at ratio 1), a depthwise convolution (VALID after a <c>correct_pad</c> at stride 2), squeeze-excite
    /// (<see cref="SqueezeExcite"/> with a quarter of the input channels), a linear 1x1 projection, each convolution
    /// followed by BatchNorm and all but the projection by SiLU; where the shape is kept, stochastic depth
    /// <c>{name}drop</c> (at a rate above 0) and <c>{name}add</c> of the input.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="filtersIn">The input's channels.</param>
    /// <param name="filtersOut">Output channels.</param>
    /// <param name="kernel">The depthwise kernel size.</param>
    /// <param name="stride">The depthwise stride.</param>
    /// <param name="expandRatio">The expansion ratio.</param>
    /// <param name="dropRate">The stochastic depth rate of the residual branch.</param>
    /// <param name="name">The layers' name prefix, e.g. <c>block2a_</c>.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride, or it does not have <paramref name="filtersIn"/> channels.</exception>
    public static Net<Image> MBConv(Net<Image> x, int filtersIn, int filtersOut, int kernel, int stride, int expandRatio, double dropRate, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        int filters = filtersIn * expandRatio;
        var y = expandRatio == 1
            ? x
            : x.Conv(filters, 1, pad: Padding.Same, bias: false, name: $"{name}expand_conv")
                .BatchNorm(name: $"{name}expand_bn")
                .Silu(name: $"{name}expand_activation");
        if (stride == 2)
        {
            y = y.ZeroPad(KerasApplications.CorrectPad(y, kernel), name: $"{name}dwconv_pad");
        }

        y = y.DepthwiseConv(kernel, s: stride, pad: stride == 2 ? Padding.Valid : Padding.Same, bias: false, name: $"{name}dwconv")
            .BatchNorm(name: $"{name}bn")
            .Silu(name: $"{name}activation");
        y = SqueezeExcite(y, Math.Max(1, (int)(filtersIn * 0.25)), name)
            .Conv(filtersOut, 1, pad: Padding.Same, bias: false, name: $"{name}project_conv")
            .BatchNorm(name: $"{name}project_bn");
        if (stride != 1 || filtersIn != filtersOut)
        {
            return y;
        }

        return Net.Add($"{name}add", dropRate > 0 ? y.StochasticDepth(dropRate, name: $"{name}drop") : y, x);
    }

    /// <summary>
    /// Keras's EfficientNet squeeze-excite: <c>{name}se_squeeze</c> (global average pool), <c>{name}se_reshape</c> to
    /// 1x1xC, <c>{name}se_reduce</c> (1x1 convolution to <paramref name="squeezed"/> with SiLU), <c>{name}se_expand</c>
    /// (1x1 back to C with sigmoid) and <c>{name}se_excite</c>, the input scaled channel by channel.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="squeezed">Channels of the squeeze: max(1, int(input channels of the block * 0.25)).</param>
    /// <param name="name">The layers' name prefix.</param>
    /// <exception cref="NetBuildException">squeezed is not positive.</exception>
    public static Net<Image> SqueezeExcite(Net<Image> x, int squeezed, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        int channels = x.Shape.Channels;
        var scale = x.GlobalAvgPool(name: $"{name}se_squeeze")
            .Reshape(1, 1, channels, name: $"{name}se_reshape")
            .Conv(squeezed, 1, pad: Padding.Same, activation: Activation.Silu, name: $"{name}se_reduce")
            .Conv(channels, 1, pad: Padding.Same, activation: Activation.Sigmoid, name: $"{name}se_expand");
        return Net.Multiply($"{name}se_excite", x, scale);
    }
}
