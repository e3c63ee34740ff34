using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's ShuffleNet V2 (Ma et al., https://arxiv.org/abs/1807.11164; <c>torchvision/models/shufflenetv2.py</c>),
/// named as torchvision's modules: <c>conv1.0</c>, <c>stage2.0/branch1.0</c> (<c>stage2.0.branch1.0.weight</c>),
/// <c>conv5.0</c>, <c>fc</c>.
/// </summary>
public static class TorchVisionShuffleNetV2
{
    /// <summary>Units per stage, stages 2 to 4, for every width.</summary>
    public static ImmutableArray<int> Repeats { get; } = [4, 8, 4];

    /// <summary>Output channels of conv1, stages 2 to 4 and conv5 at width 0.5x.</summary>
    public static ImmutableArray<int> X0_5 { get; } = [24, 48, 96, 192, 1024];

    /// <summary>Output channels at width 1.0x.</summary>
    public static ImmutableArray<int> X1_0 { get; } = [24, 116, 232, 464, 1024];

    /// <summary>Output channels at width 1.5x.</summary>
    public static ImmutableArray<int> X1_5 { get; } = [24, 176, 352, 704, 1024];

    /// <summary>Output channels at width 2.0x.</summary>
    public static ImmutableArray<int> X2_0 { get; } = [24, 244, 488, 976, 2048];

    /// <summary>
    /// A torchvision ShuffleNet V2: a 3x3/2 conv, BatchNorm, ReLU and a 3x3/2 max pool, three stages of
    /// <see cref="Repeats"/> units (<see cref="InvertedResidual"/>, the first of each with stride 2), a 1x1
    /// <c>conv5</c>, the mean over the positions and <c>fc</c>.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="channels">conv1's, the three stages' and conv5's output channels, e.g. <see cref="X1_0"/>.</param>
    /// <param name="input">The input image.</param>
    /// <param name="classes">Outputs of <c>fc</c>.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in <c>conv5</c>'s map.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top, or not five widths were given.</exception>
    public static Network Build(string name, ImmutableArray<int> channels, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        if (channels.Length != Repeats.Length + 2)
        {
            throw new ArgumentException($"Expected {Repeats.Length + 2} widths: conv1, stages 2 to 4 and conv5. Received: channels=[{string.Join(", ", channels)}].", nameof(channels));
        }

        var x = Classic.Input(input)
            .Conv(channels[0], 3, s: 2, pad: Padding.Explicit(1), bias: false, name: "conv1.0")
            .TorchBatchNorm(name: "conv1.1")
            .Relu(name: "conv1.2")
            .MaxPool(3, s: 2, pad: Padding.Explicit(1), name: "maxpool");
        for (int stage = 0; stage < Repeats.Length; stage++)
        {
            int width = channels[stage + 1];
            for (int i = 0; i < Repeats[stage]; i++)
            {
                int stride = i == 0 ? 2 : 1;
                x = x.Block($"stage{stage + 2}.{i}", b => InvertedResidual(b, width, stride));
            }
        }

        x = x.Conv(channels[^1], 1, bias: false, name: "conv5.0").TorchBatchNorm(name: "conv5.1").Relu(name: "conv5.2");
        return new ZooTop(classes, includeTop, pooling).Finish(x, name, (features, c) => features
            .GlobalAvgPool(name: "globalpool")
            .Dense(c, name: "fc"));
    }

    /// <summary>
    /// torchvision's <c>InvertedResidual</c>: at stride 1 the channels split in halves, the second half through
    /// <c>branch2</c> (1x1, 3x3 depthwise, 1x1); at stride 2 the whole input through <c>branch1</c> (3x3
    /// depthwise/2, 1x1) and <c>branch2</c>; the two concatenated and shuffled in 2 groups.
    /// </summary>
    /// <param name="x">The unit's input.</param>
    /// <param name="output">Output channels; each branch gives half.</param>
    /// <param name="stride">1, or 2 for the first unit of a stage.</param>
    /// <exception cref="NetBuildException">At stride 1 the input does not have <paramref name="output"/> channels.</exception>
    public static Net<Image> InvertedResidual(Net<Image> x, int output, int stride)
    {
        ArgumentNullException.ThrowIfNull(x);
        int half = output / 2;
        Net<Image> left, right;
        if (stride == 1)
        {
            if (x.Shape.Channels != output)
            {
                string shown = x.Context.Propose(x.Scope, "chunk", null);
                throw new NetBuildException(shown, [x.Shape], $"{shown}: a stride-1 unit keeps its channels, so its input needs {output}. Received: {x.Shape}.");
            }

            var halves = x.SplitChannels(2, name: "chunk");
            left = halves[0];
            right = Branch2(halves[1], half, stride);
        }
        else
        {
            left = x.Conv(x.Shape.Channels, 3, s: stride, pad: Padding.Explicit(1), groups: x.Shape.Channels, bias: false, name: "branch1.0")
                .TorchBatchNorm(name: "branch1.1")
                .Conv(half, 1, bias: false, name: "branch1.2")
                .TorchBatchNorm(name: "branch1.3")
                .Relu(name: "branch1.4");
            right = Branch2(x, half, stride);
        }

        return Net.Concat("cat", left, right).ChannelShuffle(2, name: "channel_shuffle");
    }

    private static Net<Image> Branch2(Net<Image> x, int half, int stride) =>
        x.Conv(half, 1, bias: false, name: "branch2.0")
            .TorchBatchNorm(name: "branch2.1")
            .Relu(name: "branch2.2")
            .Conv(half, 3, s: stride, pad: Padding.Explicit(1), groups: half, bias: false, name: "branch2.3")
            .TorchBatchNorm(name: "branch2.4")
            .Conv(half, 1, bias: false, name: "branch2.5")
            .TorchBatchNorm(name: "branch2.6")
            .Relu(name: "branch2.7");
}
