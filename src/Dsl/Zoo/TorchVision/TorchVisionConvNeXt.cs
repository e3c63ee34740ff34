using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// torchvision 0.14's ConvNeXt (<c>torchvision/models/convnext.py</c>), every layer named by its index in
/// torchvision's <c>features</c> sequence: the stem <c>features.0.0</c> and <c>features.0.1</c>, block j of
/// stage i a block named <c>features.{2i + 1}.{j}</c> (<c>features.1.0.block.0.weight</c>,
/// <c>features.1.0.layer_scale</c>), the downsampling <c>features.{2i + 2}.0</c> and <c>.1</c>, then
/// <c>classifier.0</c> and <c>classifier.2</c>.
/// </summary>
public static class TorchVisionConvNeXt
{
    /// <summary>
    /// A torchvision ConvNeXt: the 4x4/4 stem conv and LayerNorm, each stage's blocks (<see cref="Block"/>) with
    /// stochastic depth rising linearly from 0 on the first block to <paramref name="stochasticDepth"/> on the last,
    /// a LayerNorm and a 2x2/2 conv between stages, then global average pooling, LayerNorm and <c>classifier.2</c>.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="design">Blocks and channels per stage, e.g. <see cref="ConvNeXtDesign.Tiny"/>.</param>
    /// <param name="stochasticDepth">The last block's drop rate: torchvision's 0.1 (tiny), 0.4 (small), 0.5 (base, large).</param>
    /// <param name="input">The input image, 32x32 or larger.</param>
    /// <param name="classes">Outputs of <c>classifier.2</c>.</param>
    /// <param name="includeTop">Whether the classifier is built; without it the network ends in <c>features</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="NetBuildException">The input is too small, or the rate is outside [0, 1).</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(
        string name, ConvNeXtDesign design, double stochasticDepth, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        ArgumentNullException.ThrowIfNull(design);
        var x = Classic.Input(input)
            .Conv(design.Dims[0], 4, s: 4, name: "features.0.0")
            .LayerNorm(ConvNeXtDesign.Epsilon, name: "features.0.1");
        int total = design.Depths.Sum(), first = 0, index = 1;
        for (int stage = 0; stage < design.Depths.Length; stage++)
        {
            int module = index++, before = first;
            x = x.Repeat(design.Depths[stage], (y, j) =>
            {
                // torchvision's sd_prob: stochastic_depth_prob * stage_block_id / (total_stage_blocks - 1.0).
                double rate = stochasticDepth * (before + j) / (total - 1.0);
                return y.Block($"features.{module}.{j}", b => Block(b, rate));
            });
            first += design.Depths[stage];
            if (stage < design.Depths.Length - 1)
            {
                x = x.LayerNorm(ConvNeXtDesign.Epsilon, name: $"features.{index}.0")
                    .Conv(design.Dims[stage + 1], 2, s: 2, name: $"features.{index++}.1");
            }
        }

        return new ZooTop(classes, includeTop, pooling).Finish(x, name, (features, c) => features
            .GlobalAvgPool(name: "avgpool")
            .LayerNorm(ConvNeXtDesign.Epsilon, name: "classifier.0")
            .Dense(c, name: "classifier.2"));
    }

    /// <summary>
    /// torchvision's <c>CNBlock</c>: the 7x7 depthwise conv (<c>block.0</c>, a conv in as many groups as channels),
    /// LayerNorm over the channels (<c>block.2</c>), two Linear layers over the channels (<c>block.3</c> to four
    /// times the channels, exact GELU, <c>block.5</c> back), the per-channel <c>layer_scale</c>, stochastic depth,
    /// and the input added.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="stochasticDepth">The rate at which training drops the block's residual branch per example.</param>
    /// <exception cref="NetBuildException">The rate is outside [0, 1), or a name is taken.</exception>
    public static Net<Image> Block(Net<Image> x, double stochasticDepth)
    {
        ArgumentNullException.ThrowIfNull(x);
        int dim = x.Shape.Channels;
        var branch = x.Conv(dim, 7, pad: Padding.Explicit(3), groups: dim, name: "block.0")
            .LayerNorm(ConvNeXtDesign.Epsilon, name: "block.2")
            .Dense(4 * dim, name: "block.3")
            .Gelu(name: "block.4")
            .Dense(dim, name: "block.5")
            .LayerScale(ConvNeXtDesign.LayerScaleInit, name: "layer_scale")
            .StochasticDepth(stochasticDepth, name: "stochastic_depth");
        return Net.Add("add", branch, x);
    }
}
