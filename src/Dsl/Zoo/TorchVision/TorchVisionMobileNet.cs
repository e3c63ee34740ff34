using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's MobileNetV2 and MobileNetV3 (<c>torchvision/models/mobilenetv2.py</c>, <c>mobilenetv3.py</c>),
/// named so that a torchvision <c>state_dict</c> loads with no renaming: each entry of <c>features</c> is a block
/// (<c>features.3</c>) whose layers are named as its submodules (<c>conv.1.0</c> in V2, <c>block.2.fc1</c> in V3).
/// Unlike keras.applications, every convolution pads symmetrically and the heads are <c>Linear</c> layers after a
/// global average pool.
/// </summary>
public static class TorchVisionMobileNet
{
    /// <summary>
    /// MobileNetV3-Small's bottlenecks as torchvision's <c>_mobilenet_v3_conf</c> lists them: input, kernel, expanded
    /// and output channels (at width 1), squeeze-excite, hard-swish (torchvision's "HS") rather than ReLU, stride.
    /// </summary>
    public static ImmutableArray<(int Input, int Kernel, int Expanded, int Output, bool SqueezeExcite, bool HardSwish, int Stride)> V3SmallBlocks { get; } =
    [
        (16, 3, 16, 16, true, false, 2),
        (16, 3, 72, 24, false, false, 2),
        (24, 3, 88, 24, false, false, 1),
        (24, 5, 96, 40, true, true, 2),
        (40, 5, 240, 40, true, true, 1),
        (40, 5, 240, 40, true, true, 1),
        (40, 5, 120, 48, true, true, 1),
        (48, 5, 144, 48, true, true, 1),
        (48, 5, 288, 96, true, true, 2),
        (96, 5, 576, 96, true, true, 1),
        (96, 5, 576, 96, true, true, 1),
    ];

    /// <summary>MobileNetV3-Large's bottlenecks, as <see cref="V3SmallBlocks"/>.</summary>
    public static ImmutableArray<(int Input, int Kernel, int Expanded, int Output, bool SqueezeExcite, bool HardSwish, int Stride)> V3LargeBlocks { get; } =
    [
        (16, 3, 16, 16, false, false, 1),
        (16, 3, 64, 24, false, false, 2),
        (24, 3, 72, 24, false, false, 1),
        (24, 5, 72, 40, true, false, 2),
        (40, 5, 120, 40, true, false, 1),
        (40, 5, 120, 40, true, false, 1),
        (40, 3, 240, 80, false, true, 2),
        (80, 3, 200, 80, false, true, 1),
        (80, 3, 184, 80, false, true, 1),
        (80, 3, 184, 80, false, true, 1),
        (80, 3, 480, 112, true, true, 1),
        (112, 3, 672, 112, true, true, 1),
        (112, 5, 672, 160, true, true, 2),
        (160, 5, 960, 160, true, true, 1),
        (160, 5, 960, 160, true, true, 1),
    ];

    /// <summary>
    /// torchvision's <c>mobilenet_v2</c>: the 3x3/2 stem, the inverted residuals of <see cref="MobileNetV2.Stages"/>
    /// (<c>features.1</c> to <c>features.17</c>), a 1x1 convolution to 1280 (<c>features.18</c>), each with BatchNorm
    /// (eps 1e-5, momentum 0.1) and ReLU6, then average pooling, dropout 0.2 and <c>classifier.1</c>:
    /// 3,504,872 parameters with 1000 classes, as torchvision publishes.
    /// </summary>
    /// <param name="input">The input image; any size the five stride-2 steps accept.</param>
    /// <param name="classes">Outputs of <c>classifier.1</c>.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in torchvision's <c>features</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <param name="width">torchvision's <c>width_mult</c>: channels times width made divisible by 8, the last one never below 1280.</param>
    /// <exception cref="ArgumentOutOfRangeException">width is not positive and finite.</exception>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network V2(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None, double width = 1.0)
    {
        RequireWidth(width);
        var x = Classic.Input(input).ConvBnAct("features.0", KerasApplications.MakeDivisible(32 * width), 3, Activation.Relu6, stride: 2);
        int index = 1;
        foreach (var (expansion, filters, repeats, stride) in MobileNetV2.Stages)
        {
            int output = KerasApplications.MakeDivisible(filters * width);
            for (int i = 0; i < repeats; i++)
            {
                x = x.Block($"features.{index++}", b => InvertedResidualV2(b, output, i == 0 ? stride : 1, expansion));
            }
        }

        x = x.ConvBnAct($"features.{index}", KerasApplications.MakeDivisible(1280 * Math.Max(1.0, width)), 1, Activation.Relu6);
        return new ZooTop(classes, includeTop, pooling).Finish(x, "tv-mobilenet-v2", (features, c) => features
            .GlobalAvgPool(name: "avgpool")
            .Dropout(0.2, name: "classifier.0")
            .Dense(c, name: "classifier.1"));
    }

    /// <summary>
    /// torchvision's MobileNetV2 <c>InvertedResidual</c>: <c>conv.0</c> a 1x1 expansion (none at ratio 1), then the
    /// 3x3 depthwise <c>Conv2dNormActivation</c>, each with ReLU6, the 1x1 projection and its BatchNorm, and the input
    /// added where the shape is kept.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="output">Output channels.</param>
    /// <param name="stride">The depthwise stride.</param>
    /// <param name="expansion">The expansion ratio.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> InvertedResidualV2(Net<Image> x, int output, int stride, int expansion)
    {
        ArgumentNullException.ThrowIfNull(x);
        int index = 0;
        var y = expansion == 1 ? x : x.ConvBnAct($"conv.{index++}", x.Shape.Channels * expansion, 1, Activation.Relu6);
        y = y.ConvBnAct($"conv.{index++}", y.Shape.Channels, 3, Activation.Relu6, stride, depthwise: true)
            .Conv(output, 1, bias: false, name: $"conv.{index++}")
            .TorchBatchNorm(name: $"conv.{index}");
        return stride == 1 && x.Shape.Channels == output ? Net.Add("add", x, y) : y;
    }

    /// <summary>
    /// torchvision's <c>mobilenet_v3_small</c>: 2,542,856 parameters with 1000 classes, as torchvision publishes.
    /// BatchNorm has eps 1e-3 and momentum 0.01; the head is a 1024-unit <c>classifier.0</c> with hard-swish, dropout
    /// 0.2 and <c>classifier.3</c>.
    /// </summary>
    /// <param name="input">The input image.</param>
    /// <param name="classes">Outputs of <c>classifier.3</c>.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in torchvision's <c>features</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <param name="width">torchvision's <c>width_mult</c>: every channel count times width made divisible by 8.</param>
    /// <exception cref="ArgumentOutOfRangeException">width is not positive and finite.</exception>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network V3Small(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None, double width = 1.0) =>
        V3("tv-mobilenet-v3-small", V3SmallBlocks, 1024, input, new ZooTop(classes, includeTop, pooling), width);

    /// <summary>
    /// torchvision's <c>mobilenet_v3_large</c>: 5,483,032 parameters with 1000 classes, as torchvision publishes; its
    /// head's <c>classifier.0</c> has 1280 units.
    /// </summary>
    /// <inheritdoc cref="V3Small" path="/param"/>
    /// <inheritdoc cref="V3Small" path="/exception"/>
    public static Network V3Large(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None, double width = 1.0) =>
        V3("tv-mobilenet-v3-large", V3LargeBlocks, 1280, input, new ZooTop(classes, includeTop, pooling), width);

    /// <summary>
    /// torchvision's <c>MobileNetV3</c> for any bottlenecks: the 3x3/2 stem with hard-swish, the bottlenecks
    /// (<c>features.1</c> on), a 1x1 convolution to six times the last one's output with hard-swish, then average
    /// pooling and the head.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="blocks">The bottlenecks, e.g. <see cref="V3SmallBlocks"/>.</param>
    /// <param name="lastChannel">Units of <c>classifier.0</c> at width 1.</param>
    /// <param name="input">The input image.</param>
    /// <param name="top">The classifier, or the pooling without it.</param>
    /// <param name="width">torchvision's <c>width_mult</c>.</param>
    /// <inheritdoc cref="V3Small" path="/exception"/>
    public static Network V3(
        string name, IReadOnlyList<(int Input, int Kernel, int Expanded, int Output, bool SqueezeExcite, bool HardSwish, int Stride)> blocks,
        int lastChannel, Shape input, ZooTop top, double width = 1.0)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(top);
        RequireWidth(width);
        int Adjust(int channels) => KerasApplications.MakeDivisible(channels * width);
        var x = Classic.Input(input).ConvBnAct("features.0", Adjust(blocks[0].Input), 3, Activation.HardSwish, stride: 2, eps: 1e-3, momentum: 0.01);
        for (int i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            x = x.Block($"features.{i + 1}", y => InvertedResidualV3(y, b.Kernel, Adjust(b.Expanded), Adjust(b.Output), b.SqueezeExcite, b.HardSwish, b.Stride));
        }

        x = x.ConvBnAct($"features.{blocks.Count + 1}", 6 * x.Shape.Channels, 1, Activation.HardSwish, eps: 1e-3, momentum: 0.01);
        return top.Finish(x, name, (features, c) => features
            .GlobalAvgPool(name: "avgpool")
            .Dense(Adjust(lastChannel), name: "classifier.0")
            .HardSwish(name: "classifier.1")
            .Dropout(0.2, name: "classifier.2")
            .Dense(c, name: "classifier.3"));
    }

    /// <summary>
    /// torchvision's MobileNetV3 <c>InvertedResidual</c>, the sequence <c>block</c>: a 1x1 expansion where the expanded
    /// channels differ from the input's, the depthwise <c>Conv2dNormActivation</c>, squeeze-excite (<c>SqueezeExcitation</c>
    /// with a quarter of the expanded channels made divisible by 8, ReLU and hard-sigmoid), the linear projection, and
    /// the input added where the shape is kept.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="kernel">The depthwise kernel size.</param>
    /// <param name="expanded">Expanded channels.</param>
    /// <param name="output">Output channels.</param>
    /// <param name="squeezeExcite">Whether the block has squeeze-excite.</param>
    /// <param name="hardSwish">Hard-swish rather than ReLU.</param>
    /// <param name="stride">The depthwise stride.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> InvertedResidualV3(Net<Image> x, int kernel, int expanded, int output, bool squeezeExcite, bool hardSwish, int stride)
    {
        ArgumentNullException.ThrowIfNull(x);
        Activation activation = hardSwish ? Activation.HardSwish : Activation.Relu;
        int index = 0;
        var y = expanded == x.Shape.Channels ? x : x.ConvBnAct($"block.{index++}", expanded, 1, activation, eps: 1e-3, momentum: 0.01);
        y = y.ConvBnAct($"block.{index++}", y.Shape.Channels, kernel, activation, stride, depthwise: true, eps: 1e-3, momentum: 0.01);
        if (squeezeExcite)
        {
            y = y.TorchSqueezeExcitation(KerasApplications.MakeDivisible(expanded / 4), $"block.{index++}", Activation.Relu, Activation.HardSigmoid);
        }

        y = y.ConvBnAct($"block.{index}", output, 1, null, eps: 1e-3, momentum: 0.01);
        return stride == 1 && x.Shape.Channels == output ? Net.Add("add", y, x) : y;
    }

    private static void RequireWidth(double width)
    {
        if (!(width > 0) || double.IsInfinity(width))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"Expected a positive width multiplier. Received: width={width}.");
        }
    }
}
