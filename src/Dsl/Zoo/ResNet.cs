using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// ResNet (He et al., https://arxiv.org/abs/1512.03385) and SE-ResNet: one stage builder fed
/// with the blocks per stage and the residual unit.
/// </summary>
public static class ResNet
{
    /// <summary>
    /// keras.applications' BatchNorm epsilon in every ResNet v1 (<c>keras/src/applications/resnet.py</c>),
    /// slightly above the 1e-5 of the Caffe models the weights were converted from.
    /// </summary>
    public const double KerasEpsilon = 1.001e-5;

    /// <summary>Residual units per stage of ResNet-34: 16 basic units.</summary>
    public static readonly ImmutableArray<int> Blocks34 = [3, 4, 6, 3];

    /// <summary>Residual units per stage of ResNet-50: 16 bottlenecks.</summary>
    public static readonly ImmutableArray<int> Blocks50 = [3, 4, 6, 3];

    /// <summary>Residual units per stage of ResNet-101: 33 bottlenecks.</summary>
    public static readonly ImmutableArray<int> Blocks101 = [3, 4, 23, 3];

    /// <summary>Residual units per stage of ResNet-152: 50 bottlenecks.</summary>
    public static readonly ImmutableArray<int> Blocks152 = [3, 8, 36, 3];

    /// <summary>
    /// keras.applications' ResNet50: 25,636,712 parameters (53,120 non-trainable) at 224x224x3,
    /// layer for layer and name for name, so Keras's weight files load as they are.
    /// </summary>
    /// <param name="input">The input image shape (224x224x3 in Keras).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether <c>avg_pool</c> and <c>predictions</c> are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input is too small for the five strided steps.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network ResNet50(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None) =>
        Keras("resnet50", Blocks50, input, new ZooTop(classes, includeTop, pooling));

    /// <summary>keras.applications' ResNet101: 44,707,176 parameters (105,344 non-trainable) at 224x224x3.</summary>
    /// <inheritdoc cref="ResNet50" path="/param"/>
    /// <inheritdoc cref="ResNet50" path="/exception"/>
    public static Network ResNet101(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None) =>
        Keras("resnet101", Blocks101, input, new ZooTop(classes, includeTop, pooling));

    /// <summary>keras.applications' ResNet152: 60,419,944 parameters (151,424 non-trainable) at 224x224x3.</summary>
    /// <inheritdoc cref="ResNet50" path="/param"/>
    /// <inheritdoc cref="ResNet50" path="/exception"/>
    public static Network ResNet152(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None) =>
        Keras("resnet152", Blocks152, input, new ZooTop(classes, includeTop, pooling));

    /// <summary>
    /// keras.applications' ResNet v1 (<c>keras/src/applications/resnet.py</c>) for any blocks per
    /// stage: <c>conv1_pad</c> (3), the biased 7x7/2 <c>conv1_conv</c>, <c>conv1_bn</c>,
    /// <c>conv1_relu</c>, <c>pool1_pad</c> (1) and the 3x3/2 <c>pool1_pool</c> (56x56 at 224),
    /// then stages <c>conv2</c> to <c>conv5</c> of bottlenecks (<see cref="Bottleneck"/>), then
    /// <c>avg_pool</c> and <c>predictions</c>. Every BatchNorm has epsilon <see cref="KerasEpsilon"/>.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="blocksPerStage">Bottlenecks in each of the four stages, e.g. <see cref="Blocks50"/>.</param>
    /// <param name="input">The input image shape.</param>
    /// <param name="top">The classifier, or the pooling without it.</param>
    /// <exception cref="NetBuildException">The input is too small for the strided steps.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Keras(string name, IReadOnlyList<int> blocksPerStage, Shape input, ZooTop top)
    {
        ArgumentNullException.ThrowIfNull(blocksPerStage);
        ArgumentNullException.ThrowIfNull(top);
        var x = Classic.Input(input)
            .ZeroPad(3, name: "conv1_pad")
            .Conv(64, 7, s: 2, name: "conv1_conv")
            .BatchNorm(epsilon: KerasEpsilon, name: "conv1_bn")
            .Relu(name: "conv1_relu")
            .ZeroPad(1, name: "pool1_pad")
            .MaxPool(3, s: 2, name: "pool1_pool");
        for (int stage = 0; stage < blocksPerStage.Count; stage++)
        {
            int filters = 64 << stage, stride = stage == 0 ? 1 : 2;
            for (int block = 0; block < blocksPerStage[stage]; block++)
            {
                x = Bottleneck(x, filters, block == 0 ? stride : 1, convShortcut: block == 0, $"conv{stage + 2}_block{block + 1}");
            }
        }

        return top.Finish(x, name, (features, classes) => features
            .GlobalAvgPool(name: "avg_pool")
            .Dense(classes, activation: Activation.Softmax, name: "predictions"));
    }

    /// <summary>
    /// keras.applications' <c>residual_block_v1</c>: the stride on the first 1x1 convolution,
    /// <c>{name}_1_conv</c> to <c>{name}_3_bn</c> on the main path, a <c>{name}_0_conv</c> and
    /// <c>{name}_0_bn</c> projection when <paramref name="convShortcut"/>, then <c>{name}_add</c>
    /// and the ReLU <c>{name}_out</c>. Every convolution has a bias.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="filters">Filters of the two first convolutions; the block outputs four times as many.</param>
    /// <param name="stride">Stride of the first 1x1 convolution and of the projection.</param>
    /// <param name="convShortcut">Whether the shortcut is projected (the first block of each stage).</param>
    /// <param name="name">The block's name prefix, e.g. <c>conv2_block1</c>.</param>
    /// <exception cref="NetBuildException">A name is taken, or an identity shortcut meets another shape.</exception>
    public static Net<Image> Bottleneck(Net<Image> x, int filters, int stride, bool convShortcut, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        var shortcut = convShortcut
            ? x.Conv(4 * filters, 1, s: stride, name: $"{name}_0_conv").BatchNorm(epsilon: KerasEpsilon, name: $"{name}_0_bn")
            : x;
        var main = x
            .Conv(filters, 1, s: stride, name: $"{name}_1_conv").BatchNorm(epsilon: KerasEpsilon, name: $"{name}_1_bn").Relu(name: $"{name}_1_relu")
            .Conv(filters, 3, pad: Padding.Same, name: $"{name}_2_conv").BatchNorm(epsilon: KerasEpsilon, name: $"{name}_2_bn").Relu(name: $"{name}_2_relu")
            .Conv(4 * filters, 1, name: $"{name}_3_conv").BatchNorm(epsilon: KerasEpsilon, name: $"{name}_3_bn");
        return Net.Add($"{name}_add", shortcut, main).Relu(name: $"{name}_out");
    }

    /// <summary>
    /// Seed 000's ResNet50: convolutions with biases, ZeroPad(3), 7x7/2 conv, BatchNorm, ReLU,
    /// 3x3/2 VALID max pool (55x55, where keras.applications pads to 56x56), four stages of
    /// bottlenecks with the stride on the first 1x1 conv, 7x7 average pool and softmax.
    /// 25,636,712 parameters (53,120 non-trainable) at 224x224x3, as keras.applications' ResNet50;
    /// BatchNorm keeps Keras's default epsilon 1e-3 as the seed writes it.
    /// </summary>
    /// <param name="input">The input image shape (224x224x3 in the seed).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether the 7x7 average pool, flatten and classifier are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input is too small for the final 7x7 average pool.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network ResNet50Pool55(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None) =>
        SeedBottleneck("resnet50_pool55", input, new ZooTop(classes, includeTop, pooling), BottleneckUnit);

    /// <summary>
    /// Seed 000's ResNet50 with a squeeze-and-excitation block (ratio 16) on each bottleneck's residual
    /// branch before the addition (Hu et al., https://arxiv.org/abs/1709.01507; seed 001's SENet).
    /// 28,167,704 parameters (53,120 non-trainable) at 224x224x3.
    /// </summary>
    /// <inheritdoc cref="ResNet50Pool55" path="/param"/>
    /// <inheritdoc cref="ResNet50Pool55" path="/exception"/>
    public static Network SeResNet50(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None) =>
        SeedBottleneck("se_resnet50", input, new ZooTop(classes, includeTop, pooling), SqueezeExciteBottleneckUnit);

    /// <summary>
    /// Seed 001's ResNet-34 (Hands-On ML, chapter 14): a 7x7/2 SAME conv without bias, BatchNorm,
    /// ReLU and a 3x3/2 SAME max pool, then ResidualUnits (two 3x3 convs without bias, each with
    /// BatchNorm; a 1x1 strided conv and BatchNorm as skip when the unit strides), global average
    /// pool and softmax. 21,306,826 parameters (17,024 non-trainable) at 224x224x3 with 10 classes.
    /// The seed's Flatten after the global pool is a no-op on a vector and is left out.
    /// </summary>
    /// <param name="input">The input image shape.</param>
    /// <param name="classes">Classes of the softmax classifier (10 in the seed).</param>
    /// <param name="includeTop">Whether <c>avg_pool</c> and <c>predictions</c> are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input is too small for the strided convolutions.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network ResNet34(Shape input, int classes = 10, bool includeTop = true, Pooling pooling = Pooling.None) =>
        new ZooTop(classes, includeTop, pooling).Finish(
            Classic.Input(input)
                .Conv(64, 7, s: 2, pad: Padding.Same, bias: false, name: "conv1_conv")
                .BatchNorm(name: "conv1_bn")
                .Relu(name: "conv1_relu")
                .MaxPool(3, s: 2, pad: Padding.Same, name: "pool1_pool")
                .Then(x => Stages(x, Blocks34, BasicUnit, projectionBias: false)),
            "resnet34",
            (features, c) => features.GlobalAvgPool(name: "avg_pool").Dense(c, activation: Activation.Softmax, name: "predictions"));

    /// <summary>
    /// Stacks the stages: stage i has 64 x 2^i filters, its blocks are named
    /// <c>conv{i + 2}_block{j + 1}</c>, and its first block strides by 2 except in the first stage.
    /// Each block is relu(unit(x) + shortcut(x)), the shortcut projected when the unit changes the shape.
    /// Seed 000's ResNet-50 is its stem, <c>Stages(x, Blocks50, BottleneckUnit, projectionBias: true)</c> and its head.
    /// </summary>
    /// <param name="x">The stem's output.</param>
    /// <param name="blocksPerStage">Residual units in each stage, e.g. <see cref="Blocks152"/>.</param>
    /// <param name="unit">The unit's main path given its input, filters and stride, e.g. <see cref="BottleneckUnit"/>.</param>
    /// <param name="projectionBias">Whether the projection shortcuts' 1x1 convolutions have a bias.</param>
    /// <exception cref="NetBuildException">The input is too small for the strided stages.</exception>
    public static Net<Image> Stages(
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
    private static Network SeedBottleneck(string name, Shape input, ZooTop top, Func<Net<Image>, int, int, Net<Image>> unit) =>
        top.Finish(
            Classic.Input(input)
                .ZeroPad(3, name: "conv1_pad")
                .Conv(64, 7, s: 2, name: "conv1_conv")
                .BatchNorm(name: "conv1_bn")
                .Relu(name: "conv1_relu")
                .MaxPool(3, s: 2, name: "pool1_pool")
                .Then(x => Stages(x, Blocks50, unit, projectionBias: true)),
            name,
            (features, classes) => features
                .AvgPool(7, name: "avg_pool")
                .Flatten(name: "flatten")
                .Dense(classes, activation: Activation.Softmax, name: "predictions"));

    /// <summary>Seed 000's bottleneck main path: 1x1 (strided) then 3x3 then 1x1 expanding 4 times, each conv with bias and BatchNorm.</summary>
    /// <param name="x">The unit's input.</param>
    /// <param name="filters">Filters of the first two convolutions; the unit outputs four times as many.</param>
    /// <param name="stride">Stride of the first 1x1 convolution.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> BottleneckUnit(Net<Image> x, int filters, int stride) =>
        x.Conv(filters, 1, s: stride, name: "1_conv").BatchNorm(name: "1_bn").Relu(name: "1_relu")
            .Conv(filters, 3, pad: Padding.Same, name: "2_conv").BatchNorm(name: "2_bn").Relu(name: "2_relu")
            .Conv(4 * filters, 1, name: "3_conv").BatchNorm(name: "3_bn");

    /// <summary><see cref="BottleneckUnit"/> with its output recalibrated by squeeze-and-excitation, ratio 16.</summary>
    /// <inheritdoc cref="BottleneckUnit" path="/param"/>
    /// <inheritdoc cref="BottleneckUnit" path="/exception"/>
    public static Net<Image> SqueezeExciteBottleneckUnit(Net<Image> x, int filters, int stride) =>
        BottleneckUnit(x, filters, stride).SqueezeExcite(16, name: "se");

    /// <summary>Seed 001's ResidualUnit main path: two 3x3 SAME convs without bias, each with BatchNorm, the first strided.</summary>
    /// <param name="x">The unit's input.</param>
    /// <param name="filters">Filters of both convolutions.</param>
    /// <param name="stride">Stride of the first convolution.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> BasicUnit(Net<Image> x, int filters, int stride) =>
        x.Conv(filters, 3, s: stride, pad: Padding.Same, bias: false, name: "1_conv").BatchNorm(name: "1_bn").Relu(name: "1_relu")
            .Conv(filters, 3, pad: Padding.Same, bias: false, name: "2_conv").BatchNorm(name: "2_bn");
}
