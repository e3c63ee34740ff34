using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's EfficientNet B0 to B7 and EfficientNetV2 S, M, L (<c>torchvision/models/efficientnet.py</c>),
/// named so that a torchvision <c>state_dict</c> loads with no renaming: stage s of <c>features</c> holds blocks
/// <c>features.{s}.{j}</c> whose layers are named as the modules of their <c>block</c> sequence. The stage tables are
/// keras.applications' (<see cref="EfficientNet.Stages"/>, <see cref="EfficientNetV2.SStages"/>); unlike Keras,
/// convolutions pad symmetrically, there is no preprocessing inside the model, the squeeze-excite is torchvision's
/// <c>SqueezeExcitation</c>, and BatchNorm is PyTorch's (see <see cref="V1"/> and <see cref="V2"/>).
/// </summary>
public static class TorchVisionEfficientNet
{
    /// <summary>
    /// torchvision's <c>efficientnet_b{variant}</c>: 5,288,548 (B0) to 66,347,960 (B7) parameters with 1000 classes, as
    /// torchvision publishes. BatchNorm has eps 1e-5 and momentum 0.1 in B0 to B4, eps 1e-3 and momentum 0.01 in B5 to
    /// B7 (the weights torchvision ported from TensorFlow).
    /// </summary>
    /// <param name="variant">0 to 7.</param>
    /// <param name="input">The input image; any size the five stride-2 steps accept.</param>
    /// <param name="classes">Outputs of <c>classifier.1</c>.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in torchvision's <c>features</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">variant is not 0 to 7.</exception>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network V1(int variant, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variant);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(variant, EfficientNet.Scalings.Length - 1);
        var (width, depth, _, dropout) = EfficientNet.Scalings[variant];
        var norm = variant >= 5 ? (Eps: 1e-3, Momentum: 0.01) : (Eps: 1e-5, Momentum: 0.1);
        var stages = EfficientNet.Stages
            .Select(s => new Stage(s.ExpandRatio, s.Kernel, s.Stride, Adjust(s.FiltersIn, width), Adjust(s.FiltersOut, width), (int)Math.Ceiling(s.Repeats * depth), Fused: false))
            .ToArray();
        return Build($"tv-efficientnet-b{variant}", stages, 4 * stages[^1].Output, dropout, norm.Eps, norm.Momentum, input, new ZooTop(classes, includeTop, pooling));
    }

    /// <summary>
    /// torchvision's <c>efficientnet_v2_s</c>, <c>_m</c> or <c>_l</c>: 21,458,488, 54,139,356 and 118,515,272 parameters
    /// with 1000 classes, as torchvision publishes; BatchNorm has eps 1e-3 and momentum 0.1, the head's dropout is 0.2,
    /// 0.3 and 0.4.
    /// </summary>
    /// <param name="variant"><c>s</c>, <c>m</c> or <c>l</c>.</param>
    /// <param name="input">The input image; any size the five stride-2 steps accept.</param>
    /// <param name="classes">Outputs of <c>classifier.1</c>.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in torchvision's <c>features</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="ArgumentException">variant is not s, m or l, or a pooling was asked for together with the top.</exception>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    public static Network V2(string variant, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        var (table, dropout) = variant switch
        {
            "s" => (EfficientNetV2.SStages, 0.2),
            "m" => (EfficientNetV2.MStages, 0.3),
            "l" => (EfficientNetV2.LStages, 0.4),
            _ => throw new ArgumentException($"Expected one of s, m, l. Received: variant=\"{variant}\".", nameof(variant)),
        };
        var stages = table.Select(s => new Stage(s.ExpandRatio, s.Kernel, s.Stride, s.FiltersIn, s.FiltersOut, s.Repeats, s.Fused)).ToArray();
        return Build($"tv-efficientnet-v2-{variant}", stages, 1280, dropout, 1e-3, 0.1, input, new ZooTop(classes, includeTop, pooling));
    }

    /// <summary>
    /// torchvision's <c>EfficientNet</c> for any stages: the 3x3/2 stem with SiLU (<c>features.0</c>), the stages
    /// (<c>features.1</c> on) of <see cref="MBConv"/> or <see cref="FusedMBConv"/> blocks with stochastic depth rising
    /// linearly to 0.2, a 1x1 convolution to <paramref name="lastChannel"/> with SiLU, then average pooling, dropout
    /// and <c>classifier.1</c>.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="stages">The stages, channels and depth already scaled.</param>
    /// <param name="lastChannel">Output channels of the last convolution.</param>
    /// <param name="dropout">The head's dropout rate.</param>
    /// <param name="eps">BatchNorm's eps.</param>
    /// <param name="momentum">BatchNorm's momentum in PyTorch's sense.</param>
    /// <param name="input">The input image.</param>
    /// <param name="top">The classifier, or the pooling without it.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(string name, IReadOnlyList<Stage> stages, int lastChannel, double dropout, double eps, double momentum, Shape input, ZooTop top)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(top);
        var x = Classic.Input(input).ConvBnAct("features.0", stages[0].Input, 3, Activation.Silu, stride: 2, eps: eps, momentum: momentum);
        double total = stages.Sum(s => s.Layers);
        int index = 0;
        for (int s = 0; s < stages.Count; s++)
        {
            var stage = stages[s];
            for (int j = 0; j < stage.Layers; j++)
            {
                int channels = j == 0 ? stage.Input : stage.Output, stride = j == 0 ? stage.Stride : 1;
                double rate = 0.2 * index++ / total;
                x = x.Block($"features.{s + 1}.{j}", b => stage.Fused
                    ? FusedMBConv(b, stage.ExpandRatio, stage.Kernel, stride, channels, stage.Output, rate, eps, momentum)
                    : MBConv(b, stage.ExpandRatio, stage.Kernel, stride, channels, stage.Output, rate, eps, momentum));
            }
        }

        x = x.ConvBnAct($"features.{stages.Count + 1}", lastChannel, 1, Activation.Silu, eps: eps, momentum: momentum);
        return top.Finish(x, name, (features, c) => features
            .GlobalAvgPool(name: "avgpool")
            .Dropout(dropout, name: "classifier.0")
            .Dense(c, name: "classifier.1"));
    }

    /// <summary>
    /// torchvision's <c>MBConv</c>: a 1x1 expansion to the input channels times <paramref name="expandRatio"/> made
    /// divisible by 8 (none where that is the input's), the depthwise <c>Conv2dNormActivation</c>, each with SiLU,
    /// <c>SqueezeExcitation</c> to a quarter of the input channels with SiLU and sigmoid, the linear projection, and
    /// where the shape is kept stochastic depth (<c>stochastic_depth</c>, per example) and the input added.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="expandRatio">The expansion ratio.</param>
    /// <param name="kernel">The depthwise kernel size.</param>
    /// <param name="stride">The depthwise stride.</param>
    /// <param name="input">The input's channels.</param>
    /// <param name="output">Output channels.</param>
    /// <param name="rate">The stochastic depth rate.</param>
    /// <param name="eps">BatchNorm's eps.</param>
    /// <param name="momentum">BatchNorm's momentum in PyTorch's sense.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> MBConv(Net<Image> x, double expandRatio, int kernel, int stride, int input, int output, double rate, double eps, double momentum)
    {
        ArgumentNullException.ThrowIfNull(x);
        int expanded = KerasApplications.MakeDivisible(input * expandRatio), index = 0;
        var y = expanded == input ? x : x.ConvBnAct($"block.{index++}", expanded, 1, Activation.Silu, eps: eps, momentum: momentum);
        y = y.ConvBnAct($"block.{index++}", expanded, kernel, Activation.Silu, stride, depthwise: true, eps: eps, momentum: momentum)
            .TorchSqueezeExcitation(Math.Max(1, input / 4), $"block.{index++}", Activation.Silu, Activation.Sigmoid)
            .ConvBnAct($"block.{index}", output, 1, null, eps: eps, momentum: momentum);
        return Residual(x, y, stride, input, output, rate);
    }

    /// <summary>
    /// torchvision's <c>FusedMBConv</c>: a <paramref name="kernel"/> x <paramref name="kernel"/> convolution to the
    /// expanded channels with SiLU and a linear 1x1 projection, or where nothing is expanded one convolution to the
    /// output with SiLU; then the residual as in <see cref="MBConv"/>.
    /// </summary>
    /// <inheritdoc cref="MBConv"/>
    public static Net<Image> FusedMBConv(Net<Image> x, double expandRatio, int kernel, int stride, int input, int output, double rate, double eps, double momentum)
    {
        ArgumentNullException.ThrowIfNull(x);
        int expanded = KerasApplications.MakeDivisible(input * expandRatio);
        var y = expanded == input
            ? x.ConvBnAct("block.0", output, kernel, Activation.Silu, stride, eps: eps, momentum: momentum)
            : x.ConvBnAct("block.0", expanded, kernel, Activation.Silu, stride, eps: eps, momentum: momentum)
                .ConvBnAct("block.1", output, 1, null, eps: eps, momentum: momentum);
        return Residual(x, y, stride, input, output, rate);
    }

    private static Net<Image> Residual(Net<Image> x, Net<Image> y, int stride, int input, int output, double rate) =>
        stride != 1 || input != output
            ? y
            : Net.Add("add", rate > 0 ? y.StochasticDepth(rate, name: "stochastic_depth") : y, x);

    private static int Adjust(int channels, double width) => KerasApplications.MakeDivisible(channels * width);

    /// <summary>One stage of torchvision's <c>MBConvConfig</c> or <c>FusedMBConvConfig</c>, channels and depth scaled.</summary>
    /// <param name="ExpandRatio">The expansion ratio.</param>
    /// <param name="Kernel">Kernel size.</param>
    /// <param name="Stride">The first block's stride.</param>
    /// <param name="Input">The first block's input channels.</param>
    /// <param name="Output">Every block's output channels.</param>
    /// <param name="Layers">Blocks in the stage.</param>
    /// <param name="Fused">FusedMBConv rather than MBConv.</param>
    public sealed record Stage(double ExpandRatio, int Kernel, int Stride, int Input, int Output, int Layers, bool Fused);
}
