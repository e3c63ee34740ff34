using System.Collections.Immutable;
using System.Globalization;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's MNASNet B1 (Tan et al., https://arxiv.org/abs/1807.11626; <c>torchvision/models/mnasnet.py</c>),
/// named so that a torchvision <c>state_dict</c> loads with no renaming: the sequence <c>layers</c>, whose stacks of
/// inverted residuals are blocks <c>layers.{8..13}.{j}</c> with their own <c>layers.0</c> to <c>layers.7</c>.
/// Every BatchNorm has eps 1e-5 and momentum 1 - 0.9997 (TensorFlow's decay 0.9997), every activation is ReLU.
/// </summary>
public static class TorchVisionMnasNet
{
    /// <summary>PyTorch's BatchNorm momentum in MNASNet, TensorFlow's decay 0.9997.</summary>
    public const double Momentum = 1 - 0.9997;

    /// <summary>Channels at depth multiplier 1 (torchvision's <c>_get_depths</c>): the stem's two, then each stack's output.</summary>
    public static ImmutableArray<int> Depths { get; } = [32, 16, 24, 40, 80, 96, 192, 320];

    /// <summary>The six stacks (torchvision's <c>_stack</c> calls): kernel, first stride, expansion and repeats.</summary>
    public static ImmutableArray<(int Kernel, int Stride, int Expansion, int Repeats)> Stacks { get; } =
    [
        (3, 2, 3, 3), (5, 2, 3, 3), (5, 2, 6, 3), (3, 1, 6, 2), (5, 2, 6, 4), (3, 1, 6, 1),
    ];

    /// <summary>
    /// torchvision's <c>mnasnet{alpha}</c>: 2,218,512 (0.5), 3,170,208 (0.75), 4,383,312 (1.0) and 6,282,256 (1.3)
    /// parameters with 1000 classes, as torchvision publishes. The network is named <c>tv-mnasnet{alpha}</c> with
    /// '-' for the decimal point (<c>tv-mnasnet0-5</c>).
    /// </summary>
    /// <param name="alpha">The depth multiplier: <see cref="Depths"/> times alpha, rounded up to a multiple of 8 unless that is 10% or more away.</param>
    /// <param name="input">The input image; any size the five stride-2 steps accept.</param>
    /// <param name="classes">Outputs of <c>classifier.1</c>.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in torchvision's <c>layers</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">alpha is not positive and finite.</exception>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(double alpha, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Expected a positive depth multiplier. Received: alpha={alpha}.");
        }

        int[] depths = [.. Depths.Select(d => KerasApplications.MakeDivisible(d * alpha))];
        var x = Classic.Input(input)
            .Conv(depths[0], 3, s: 2, pad: Padding.Explicit(1), bias: false, name: "layers.0")
            .TorchBatchNorm(momentum: Momentum, name: "layers.1")
            .Relu(name: "layers.2")
            .DepthwiseConv(3, pad: Padding.Explicit(1), bias: false, name: "layers.3")
            .TorchBatchNorm(momentum: Momentum, name: "layers.4")
            .Relu(name: "layers.5")
            .Conv(depths[1], 1, bias: false, name: "layers.6")
            .TorchBatchNorm(momentum: Momentum, name: "layers.7");
        for (int s = 0; s < Stacks.Length; s++)
        {
            var (kernel, stride, expansion, repeats) = Stacks[s];
            int output = depths[s + 2];
            for (int j = 0; j < repeats; j++)
            {
                x = x.Block($"layers.{s + 8}.{j}", b => InvertedResidual(b, output, kernel, j == 0 ? stride : 1, expansion));
            }
        }

        x = x.Conv(1280, 1, bias: false, name: "layers.14")
            .TorchBatchNorm(momentum: Momentum, name: "layers.15")
            .Relu(name: "layers.16");
        string name = "tv-mnasnet" + alpha.ToString("0.0#", CultureInfo.InvariantCulture).Replace('.', '-');
        return new ZooTop(classes, includeTop, pooling).Finish(x, name, (features, c) => features
            .GlobalAvgPool(name: "mean")
            .Dropout(0.2, name: "classifier.0")
            .Dense(c, name: "classifier.1"));
    }

    /// <summary>
    /// torchvision's <c>_InvertedResidual</c>: <c>layers.0</c> a 1x1 expansion, <c>layers.3</c> the depthwise convolution
    /// padded by kernel / 2, <c>layers.6</c> the linear 1x1 projection, each with BatchNorm and the first two with ReLU,
    /// and the input added where the shape is kept.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="output">Output channels.</param>
    /// <param name="kernel">The depthwise kernel size, 3 or 5.</param>
    /// <param name="stride">The depthwise stride.</param>
    /// <param name="expansion">The expansion factor.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> InvertedResidual(Net<Image> x, int output, int kernel, int stride, int expansion)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = x.Conv(x.Shape.Channels * expansion, 1, bias: false, name: "layers.0")
            .TorchBatchNorm(momentum: Momentum, name: "layers.1")
            .Relu(name: "layers.2")
            .DepthwiseConv(kernel, s: stride, pad: Padding.Explicit(kernel / 2), bias: false, name: "layers.3")
            .TorchBatchNorm(momentum: Momentum, name: "layers.4")
            .Relu(name: "layers.5")
            .Conv(output, 1, bias: false, name: "layers.6")
            .TorchBatchNorm(momentum: Momentum, name: "layers.7");
        return stride == 1 && x.Shape.Channels == output ? Net.Add("add", y, x) : y;
    }
}
