using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// EfficientNetV2 (Tan and Le, https://arxiv.org/abs/2104.00298) as keras.applications builds it
/// (<c>keras/src/applications/efficientnet_v2.py</c>), layer for layer and name for name: the in-model
/// preprocessing (B0 to B3: <c>rescaling</c> by 1/255 and a <c>normalization</c> with ImageNet's mean and
/// variance as constants; S, M, L: <c>rescaling</c> to [-1, 1]), <c>stem_conv</c>, FusedMBConv then MBConv blocks
/// <c>block1a_</c> to <c>block6{x}_</c> (<c>block7{x}_</c> in M and L) with stochastic depth, and <c>top_conv</c>.
/// Every convolution is TensorFlow-SAME, at stride 2 too; BatchNorm has epsilon 1e-3 and momentum 0.9; every
/// activation is SiLU. Inputs are pixels in [0, 255].
/// </summary>
public static class EfficientNetV2
{
    /// <summary>Keras's BatchNorm momentum in EfficientNetV2.</summary>
    public const double Momentum = 0.9;

    /// <summary>The head's dropout rate in every keras.applications EfficientNetV2.</summary>
    public const double Dropout = 0.2;

    /// <summary>ImageNet's per-channel mean (RGB), B0 to B3's Normalization constant.</summary>
    public static ImmutableArray<double> ImageNetMean { get; } = [0.485, 0.456, 0.406];

    /// <summary>
    /// The stages of B0 to B3 (Keras's <c>DEFAULT_BLOCKS_ARGS["efficientnetv2-b0"]</c>): kernel, repeats, input and
    /// output channels, expansion ratio, squeeze-excite ratio (0 for none), the first block's stride, and whether
    /// the block is a FusedMBConv.
    /// </summary>
    public static ImmutableArray<(int Kernel, int Repeats, int FiltersIn, int FiltersOut, int ExpandRatio, double SqueezeRatio, int Stride, bool Fused)> BStages { get; } =
    [
        (3, 1, 32, 16, 1, 0, 1, true), (3, 2, 16, 32, 4, 0, 2, true), (3, 2, 32, 48, 4, 0, 2, true),
        (3, 3, 48, 96, 4, 0.25, 2, false), (3, 5, 96, 112, 6, 0.25, 1, false), (3, 8, 112, 192, 6, 0.25, 2, false),
    ];

    /// <summary>EfficientNetV2-S's stages (the paper's Table 4), as <see cref="BStages"/>; torchvision's <c>efficientnet_v2_s</c> has the same.</summary>
    public static ImmutableArray<(int Kernel, int Repeats, int FiltersIn, int FiltersOut, int ExpandRatio, double SqueezeRatio, int Stride, bool Fused)> SStages { get; } =
    [
        (3, 2, 24, 24, 1, 0, 1, true), (3, 4, 24, 48, 4, 0, 2, true), (3, 4, 48, 64, 4, 0, 2, true),
        (3, 6, 64, 128, 4, 0.25, 2, false), (3, 9, 128, 160, 6, 0.25, 1, false), (3, 15, 160, 256, 6, 0.25, 2, false),
    ];

    /// <summary>EfficientNetV2-M's stages, as <see cref="BStages"/>.</summary>
    public static ImmutableArray<(int Kernel, int Repeats, int FiltersIn, int FiltersOut, int ExpandRatio, double SqueezeRatio, int Stride, bool Fused)> MStages { get; } =
    [
        (3, 3, 24, 24, 1, 0, 1, true), (3, 5, 24, 48, 4, 0, 2, true), (3, 5, 48, 80, 4, 0, 2, true),
        (3, 7, 80, 160, 4, 0.25, 2, false), (3, 14, 160, 176, 6, 0.25, 1, false), (3, 18, 176, 304, 6, 0.25, 2, false),
        (3, 5, 304, 512, 6, 0.25, 1, false),
    ];

    /// <summary>EfficientNetV2-L's stages, as <see cref="BStages"/>.</summary>
    public static ImmutableArray<(int Kernel, int Repeats, int FiltersIn, int FiltersOut, int ExpandRatio, double SqueezeRatio, int Stride, bool Fused)> LStages { get; } =
    [
        (3, 4, 32, 32, 1, 0, 1, true), (3, 7, 32, 64, 4, 0, 2, true), (3, 7, 64, 96, 4, 0, 2, true),
        (3, 10, 96, 192, 4, 0.25, 2, false), (3, 19, 192, 224, 6, 0.25, 1, false), (3, 25, 224, 384, 6, 0.25, 2, false),
        (3, 7, 384, 640, 6, 0.25, 1, false),
    ];

    /// <summary>The variants by Keras's suffix (<c>b0</c> to <c>b3</c>, <c>s</c>, <c>m</c>, <c>l</c>): stages, width and depth coefficients and the published input size.</summary>
    public static ImmutableDictionary<string, (ImmutableArray<(int Kernel, int Repeats, int FiltersIn, int FiltersOut, int ExpandRatio, double SqueezeRatio, int Stride, bool Fused)> Stages, double Width, double Depth, int Size)> Variants { get; } =
        new Dictionary<string, (ImmutableArray<(int, int, int, int, int, double, int, bool)>, double, double, int)>
        {
            ["b0"] = (BStages, 1.0, 1.0, 224),
            ["b1"] = (BStages, 1.0, 1.1, 240),
            ["b2"] = (BStages, 1.1, 1.2, 260),
            ["b3"] = (BStages, 1.2, 1.4, 300),
            ["s"] = (SStages, 1.0, 1.0, 384),
            ["m"] = (MStages, 1.0, 1.0, 480),
            ["l"] = (LStages, 1.0, 1.0, 480),
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>
    /// keras.applications' <c>EfficientNetV2{variant}</c>, named <c>efficientnetv2-{variant}</c>: from 7,200,312
    /// parameters (B0, 224x224) to 119,027,848 (L, 480x480) with 1000 classes, as Keras's layer definitions count them.
    /// </summary>
    /// <param name="variant"><c>b0</c>, <c>b1</c>, <c>b2</c>, <c>b3</c>, <c>s</c>, <c>m</c> or <c>l</c>.</param>
    /// <param name="input">The input image (<see cref="Variants"/>' size published; Keras asks for at least 32x32).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether <c>avg_pool</c>, <c>top_dropout</c> and <c>predictions</c> are built.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <param name="includePreprocessing">Whether the model scales its [0, 255] input itself.</param>
    /// <exception cref="ArgumentException">variant is unknown, or a pooling was asked for together with the top.</exception>
    /// <exception cref="NetBuildException">The input is too small for the five stride-2 steps.</exception>
    public static Network Build(string variant, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None, bool includePreprocessing = true)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (!Variants.TryGetValue(variant, out var scaling))
        {
            throw new ArgumentException($"Expected one of {string.Join(", ", Variants.Keys.Order(StringComparer.Ordinal))}. Received: variant=\"{variant}\".", nameof(variant));
        }

        var (stages, width, depth, _) = scaling;
        int Filters(int filters) => Math.Max(8, (int)(filters * width + 4) / 8 * 8);
        int Repeats(int repeats) => (int)Math.Ceiling(depth * repeats);

        var x = KerasApplications.Input(input);
        if (includePreprocessing)
        {
            // "Apply original V1 preprocessing for Bx variants if number of channels allows it."
            x = variant.StartsWith('b') && x.Shape.Channels == 3
                ? x.Rescale(1.0 / 255).Normalize([.. ImageNetMean], [.. EfficientNet.ImageNetStddev.Select(s => s * s)])
                : x.Rescale(1.0 / 128.0, -1);
        }

        x = x.Conv(Filters(stages[0].FiltersIn), 3, s: 2, pad: Padding.Same, bias: false, name: "stem_conv")
            .BatchNorm(Momentum, name: "stem_bn")
            .Silu(name: "stem_activation");

        // Keras spreads the stochastic depth over the unscaled repeats.
        double blocks = stages.Sum(s => s.Repeats);
        int index = 0;
        for (int i = 0; i < stages.Length; i++)
        {
            var (kernel, repeats, filtersIn, filtersOut, expandRatio, squeezeRatio, stride, fused) = stages[i];
            for (int j = 0; j < Repeats(repeats); j++)
            {
                var block = fused ? (Func<Net<Image>, int, int, int, int, int, double, double, string, Net<Image>>)FusedMBConv : MBConv;
                x = block(
                    x, j == 0 ? Filters(filtersIn) : Filters(filtersOut), Filters(filtersOut), kernel, j == 0 ? stride : 1, expandRatio, squeezeRatio,
                    EfficientNet.DropConnectRate * index++ / blocks, $"block{i + 1}{(char)('a' + j)}_");
            }
        }

        x = x.Conv(Filters(1280), 1, pad: Padding.Same, bias: false, name: "top_conv")
            .BatchNorm(Momentum, name: "top_bn")
            .Silu(name: "top_activation");
        return new ZooTop(classes, includeTop, pooling).Finish(x, $"efficientnetv2-{variant}", (features, c) => features
            .GlobalAvgPool(name: "avg_pool")
            .Dropout(Dropout, name: "top_dropout")
            .Dense(c, activation: Activation.Softmax, name: "predictions"));
    }

    /// <summary>
    /// Keras's <c>MBConvBlock</c>: a 1x1 expansion (none at ratio 1), a SAME depthwise convolution, squeeze-excite
    /// (<see cref="EfficientNet.SqueezeExcite"/>) at a ratio above 0, a linear 1x1 projection, each convolution
    /// followed by BatchNorm and all but the projection by SiLU, then the residual (<see cref="Residual"/>).
    /// Layers are named <c>{name}expand_conv</c>, <c>{name}dwconv2</c>, <c>{name}bn</c>, ...
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="filtersIn">The input's channels.</param>
    /// <param name="filtersOut">Output channels.</param>
    /// <param name="kernel">The depthwise kernel size.</param>
    /// <param name="stride">The depthwise stride.</param>
    /// <param name="expandRatio">The expansion ratio.</param>
    /// <param name="squeezeRatio">Squeeze-excite's channels as a fraction of the input's; 0 for none.</param>
    /// <param name="dropRate">The stochastic depth rate of the residual branch.</param>
    /// <param name="name">The layers' name prefix, e.g. <c>block4a_</c>.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> MBConv(
        Net<Image> x, int filtersIn, int filtersOut, int kernel, int stride, int expandRatio, double squeezeRatio, double dropRate, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        int filters = filtersIn * expandRatio;
        var y = expandRatio == 1
            ? x
            : x.Conv(filters, 1, pad: Padding.Same, bias: false, name: $"{name}expand_conv")
                .BatchNorm(Momentum, name: $"{name}expand_bn")
                .Silu(name: $"{name}expand_activation");
        y = y.DepthwiseConv(kernel, s: stride, pad: Padding.Same, bias: false, name: $"{name}dwconv2")
            .BatchNorm(Momentum, name: $"{name}bn")
            .Silu(name: $"{name}activation");
        if (squeezeRatio > 0)
        {
            y = EfficientNet.SqueezeExcite(y, Math.Max(1, (int)(filtersIn * squeezeRatio)), name);
        }

        y = y.Conv(filtersOut, 1, pad: Padding.Same, bias: false, name: $"{name}project_conv")
            .BatchNorm(Momentum, name: $"{name}project_bn");
        return Residual(x, y, stride, dropRate, name);
    }

    /// <summary>
    /// Keras's <c>FusedMBConvBlock</c>: a SAME <paramref name="kernel"/> x <paramref name="kernel"/> convolution in place
    /// of the 1x1 expansion and the depthwise convolution, then a 1x1 projection; at ratio 1 the one convolution is
    /// the projection, strided and followed by SiLU (<c>{name}project_activation</c>). Then the residual.
    /// </summary>
    /// <inheritdoc cref="MBConv"/>
    public static Net<Image> FusedMBConv(
        Net<Image> x, int filtersIn, int filtersOut, int kernel, int stride, int expandRatio, double squeezeRatio, double dropRate, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        int filters = filtersIn * expandRatio;
        var y = expandRatio == 1
            ? x
            : x.Conv(filters, kernel, s: stride, pad: Padding.Same, bias: false, name: $"{name}expand_conv")
                .BatchNorm(Momentum, name: $"{name}expand_bn")
                .Silu(name: $"{name}expand_activation");
        if (squeezeRatio > 0)
        {
            y = EfficientNet.SqueezeExcite(y, Math.Max(1, (int)(filtersIn * squeezeRatio)), name);
        }

        y = y.Conv(filtersOut, expandRatio == 1 ? kernel : 1, s: expandRatio == 1 ? stride : 1, pad: Padding.Same, bias: false, name: $"{name}project_conv")
            .BatchNorm(Momentum, name: $"{name}project_bn");
        if (expandRatio == 1)
        {
            y = y.Silu(name: $"{name}project_activation");
        }

        return Residual(x, y, stride, dropRate, name);
    }

    /// <summary>
    /// Where the block keeps the shape: stochastic depth <c>{name}drop</c> at a rate above 0 (not in the first
    /// block) and <c>{name}add</c> of the block's input; otherwise the branch alone.
    /// </summary>
    private static Net<Image> Residual(Net<Image> x, Net<Image> y, int stride, double dropRate, string name) =>
        stride != 1 || x.Shape.Channels != y.Shape.Channels
            ? y
            : Net.Add($"{name}add", dropRate > 0 ? y.StochasticDepth(dropRate, name: $"{name}drop") : y, x);
}
