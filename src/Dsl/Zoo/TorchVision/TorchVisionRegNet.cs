using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's RegNetX and RegNetY (<c>torchvision/models/regnet.py</c>), named so that a torchvision
/// <c>state_dict</c> loads with no renaming: the stem <c>stem.0</c> and <c>stem.1</c>, stage i's block j a block
/// named <c>trunk_output.block{i}.block{i}-{j}</c> as torchvision's module path, then <c>fc</c>.
/// </summary>
public static class TorchVisionRegNet
{
    /// <summary>torchvision's <c>stem_width</c>: the 3x3/2 stem's filters.</summary>
    public const int StemWidth = 32;

    /// <summary>
    /// A torchvision RegNet of <paramref name="design"/>'s stages (<see cref="RegNetDesign.Stages"/>): the 3x3/2
    /// stem with BatchNorm and ReLU, each stage's blocks (<see cref="Block"/>) with stride 2 on the first, global
    /// average pooling and <c>fc</c>. Convs have no bias; BatchNorm is PyTorch's (eps 1e-5, momentum 0.1).
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="design">The design-space point, e.g. <see cref="RegNetDesign.Y400MF"/>.</param>
    /// <param name="input">The input image; any size the five stride-2 steps take (1x1 and up, as torchvision's <c>min_size</c>).</param>
    /// <param name="classes">Outputs of <c>fc</c>.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in <c>trunk_output</c>'s map.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top, or the design is invalid.</exception>
    public static Network Build(string name, RegNetDesign design, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        ArgumentNullException.ThrowIfNull(design);
        var x = Classic.Input(input)
            .Conv(StemWidth, 3, s: 2, pad: Padding.Explicit(1), bias: false, name: "stem.0")
            .TorchBatchNorm(name: "stem.1")
            .Relu(name: "stem.2");
        var stages = design.Stages();
        for (int i = 1; i <= stages.Length; i++)
        {
            var stage = stages[i - 1];
            for (int j = 0; j < stage.Depth; j++)
            {
                int stride = j == 0 ? 2 : 1;
                x = x.Block($"trunk_output.block{i}.block{i}-{j}", b => Block(b, stage, stride, design.SqueezeExcite));
            }
        }

        return new ZooTop(classes, includeTop, pooling).Finish(x, name, (features, c) => features
            .GlobalAvgPool(name: "avgpool")
            .Dense(c, name: "fc"));
    }

    /// <summary>
    /// torchvision's <c>ResBottleneckBlock</c> with a bottleneck multiplier of 1: <c>f.a</c> 1x1, <c>f.b</c> 3x3 in
    /// groups of <see cref="RegNetStage.GroupWidth"/> channels with the stride, for RegNetY <c>f.se</c> squeezing to
    /// round(ratio x the block's input width), <c>f.c</c> 1x1 without activation, added to the input or its
    /// projection <c>proj</c>, then ReLU.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="stage">The stage's width and group width.</param>
    /// <param name="stride">Stride of the 3x3 conv and of the projection.</param>
    /// <param name="squeezeExcite">The squeeze-and-excitation ratio, or null for none (RegNetX).</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> Block(Net<Image> x, RegNetStage stage, int stride, double? squeezeExcite)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(stage);
        int width = stage.Width;
        var shortcut = x.Shape.Channels != width || stride != 1
            ? x.Conv(width, 1, s: stride, bias: false, name: "proj.0").TorchBatchNorm(name: "proj.1")
            : x;
        var f = x.Conv(width, 1, bias: false, name: "f.a.0").TorchBatchNorm(name: "f.a.1").Relu(name: "f.a.2")
            .Conv(width, 3, s: stride, pad: Padding.Explicit(1), groups: stage.Groups, bias: false, name: "f.b.0")
            .TorchBatchNorm(name: "f.b.1")
            .Relu(name: "f.b.2");
        if (squeezeExcite is double ratio)
        {
            f = f.TorchSqueezeExcitation((int)Math.Round(ratio * x.Shape.Channels, MidpointRounding.ToEven), "f.se");
        }

        f = f.Conv(width, 1, bias: false, name: "f.c.0").TorchBatchNorm(name: "f.c.1");
        return Net.Add("add", shortcut, f).Relu(name: "activation");
    }
}
