using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// ResNet (He et al., https://arxiv.org/abs/1512.03385) and SE-ResNet: one stage builder fed
/// with the blocks per stage and the residual unit.
/// </summary>
public static class ResNet
{
    /// <summary>Residual units per stage of ResNet-34: 16 basic units.</summary>
    public static readonly int[] Blocks34 = [3, 4, 6, 3];

    /// <summary>Residual units per stage of ResNet-50: 16 bottlenecks.</summary>
    public static readonly int[] Blocks50 = [3, 4, 6, 3];

    /// <summary>
    /// Seed 000's ResNet50: convolutions with biases, ZeroPad(3), 7x7/2 conv, BatchNorm, ReLU,
    /// 3x3/2 VALID max pool (55x55, where Keras applications pads to 56x56), four stages of
    /// bottlenecks with the stride on the first 1x1 conv, 7x7 average pool and softmax.
    /// 25,636,712 parameters (53,120 non-trainable) at 224x224x3, as Keras applications' ResNet50.
    /// </summary>
    /// <param name="input">The input image shape (224x224x3 in the seed).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <exception cref="NetBuildException">The input is too small for the final 7x7 average pool.</exception>
    public static Network ResNet50(Shape input, int classes = 1000) => Bottleneck("resnet50", input, classes, BottleneckUnit);

    /// <summary>
    /// ResNet50 with a squeeze-and-excitation block (ratio 16) on each bottleneck's residual
    /// branch before the addition (Hu et al., https://arxiv.org/abs/1709.01507; seed 001's SENet).
    /// 28,167,704 parameters (53,120 non-trainable) at 224x224x3.
    /// </summary>
    /// <param name="input">The input image shape.</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <exception cref="NetBuildException">The input is too small for the final 7x7 average pool.</exception>
    public static Network SeResNet50(Shape input, int classes = 1000) => Bottleneck("se_resnet50", input, classes, SqueezeExciteBottleneckUnit);

    /// <summary>
    /// Seed 001's ResNet-34 (Hands-On ML, chapter 14): a 7x7/2 SAME conv without bias, BatchNorm,
    /// ReLU and a 3x3/2 SAME max pool, then ResidualUnits (two 3x3 convs without bias, each with
    /// BatchNorm; a 1x1 strided conv and BatchNorm as skip when the unit strides), global average
    /// pool and softmax. 21,306,826 parameters (17,024 non-trainable) at 224x224x3 with 10 classes.
    /// The seed's Flatten after the global pool is a no-op on a vector and is left out.
    /// </summary>
    /// <param name="input">The input image shape.</param>
    /// <param name="classes">Classes of the softmax classifier (10 in the seed).</param>
    /// <exception cref="NetBuildException">The input is too small for the strided convolutions.</exception>
    public static Network ResNet34(Shape input, int classes = 10) =>
        Classic.Input(input)
            .Conv(64, 7, s: 2, pad: Padding.Same, bias: false, name: "conv1_conv")
            .BatchNorm(name: "conv1_bn")
            .Relu(name: "conv1_relu")
            .MaxPool(3, s: 2, pad: Padding.Same, name: "pool1_pool")
            .Then(x => Stages(x, Blocks34, BasicUnit, projectionBias: false))
            .GlobalAvgPool(name: "avg_pool")
            .Dense(classes, activation: Activation.Softmax, name: "predictions")
            .ToNetwork("resnet34");

    /// <summary>
    /// Stacks the stages: stage i has 64 x 2^i filters, its blocks are named
    /// <c>conv{i + 2}_block{j + 1}</c>, and its first block strides by 2 except in the first stage.
    /// Each block is relu(unit(x) + shortcut(x)), the shortcut projected when the unit changes the shape.
    /// </summary>
    private static Net<Image> Stages(
        Net<Image> x, IReadOnlyList<int> blocksPerStage, Func<Net<Image>, int, int, Net<Image>> unit, bool projectionBias)
    {
        for (int stage = 0; stage < blocksPerStage.Count; stage++)
        {
            int filters = 64 << stage, first = stage == 0 ? 1 : 2, number = stage + 2;
            x = x.Repeat(blocksPerStage[stage], (y, block) => y.Residual(
                b => unit(b, filters, block == 0 ? first : 1),
                projectionBias: projectionBias,
                activation: Activation.Relu,
                name: $"conv{number}_block{block + 1}"));
        }

        return x;
    }

    /// <summary>Seed 000's stem and head around the bottleneck stages of <see cref="Blocks50"/>.</summary>
    private static Network Bottleneck(string name, Shape input, int classes, Func<Net<Image>, int, int, Net<Image>> unit) =>
        Classic.Input(input)
            .ZeroPad(3, name: "conv1_pad")
            .Conv(64, 7, s: 2, name: "conv1_conv")
            .BatchNorm(name: "conv1_bn")
            .Relu(name: "conv1_relu")
            .MaxPool(3, s: 2, name: "pool1_pool")
            .Then(x => Stages(x, Blocks50, unit, projectionBias: true))
            .AvgPool(7, name: "avg_pool")
            .Flatten(name: "flatten")
            .Dense(classes, activation: Activation.Softmax, name: "predictions")
            .ToNetwork(name);

    /// <summary>1x1 (strided) then 3x3 then 1x1 expanding 4 times, each conv with bias and BatchNorm.</summary>
    private static Net<Image> BottleneckUnit(Net<Image> x, int filters, int stride) =>
        x.Conv(filters, 1, s: stride, name: "1_conv").BatchNorm(name: "1_bn").Relu(name: "1_relu")
            .Conv(filters, 3, pad: Padding.Same, name: "2_conv").BatchNorm(name: "2_bn").Relu(name: "2_relu")
            .Conv(4 * filters, 1, name: "3_conv").BatchNorm(name: "3_bn");

    /// <summary>The bottleneck with its output recalibrated by squeeze-and-excitation, ratio 16.</summary>
    private static Net<Image> SqueezeExciteBottleneckUnit(Net<Image> x, int filters, int stride) =>
        BottleneckUnit(x, filters, stride).SqueezeExcite(16, name: "se");

    /// <summary>Seed 001's ResidualUnit main path: two 3x3 SAME convs without bias, the first strided.</summary>
    private static Net<Image> BasicUnit(Net<Image> x, int filters, int stride) =>
        x.Conv(filters, 3, s: stride, pad: Padding.Same, bias: false, name: "1_conv").BatchNorm(name: "1_bn").Relu(name: "1_relu")
            .Conv(filters, 3, pad: Padding.Same, bias: false, name: "2_conv").BatchNorm(name: "2_bn");
}
