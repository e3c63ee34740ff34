using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// keras.applications' ResNet50V2, 101V2 and 152V2 (He et al., https://arxiv.org/abs/1603.05027;
/// <c>keras/src/applications/resnet_v2.py</c> with <c>resnet.py</c>'s <c>stack_residual_blocks_v2</c>): pre-activation
/// units, the stride on each stack's last unit, names as Keras 3 gives them.
/// </summary>
public static class ResNetV2
{
    /// <summary>
    /// A keras.applications ResNetV2: <c>conv1_pad</c> (3), the biased 7x7/2 <c>conv1_conv</c>, <c>pool1_pad</c> (1),
    /// the 3x3/2 <c>pool1_pool</c>, stacks <c>conv2</c> to <c>conv5</c> of 64 to 512 filters (<see cref="Stack"/>; the
    /// last one does not stride), <c>post_bn</c>, <c>post_relu</c>, then <c>avg_pool</c> and <c>predictions</c>.
    /// ResNet50V2 has 25,613,800 parameters (45,440 non-trainable), as Keras publishes.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="blocksPerStage">Units per stack, e.g. <see cref="ResNet.Blocks50"/>.</param>
    /// <param name="input">The input image (224x224x3 in Keras, 32x32 the smallest it accepts).</param>
    /// <param name="top">The classifier, or the pooling without it.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(string name, IReadOnlyList<int> blocksPerStage, Shape input, ZooTop top)
    {
        ArgumentNullException.ThrowIfNull(blocksPerStage);
        ArgumentNullException.ThrowIfNull(top);
        var x = Classic.Input(input, "input_layer")
            .ZeroPad(3, name: "conv1_pad")
            .Conv(64, 7, s: 2, name: "conv1_conv")
            .ZeroPad(1, name: "pool1_pad")
            .MaxPool(3, s: 2, name: "pool1_pool");
        for (int stage = 0; stage < blocksPerStage.Count; stage++)
        {
            int stride = stage == blocksPerStage.Count - 1 ? 1 : 2;
            x = Stack(x, 64 << stage, blocksPerStage[stage], stride, $"conv{stage + 2}");
        }

        x = x.BatchNorm(epsilon: ResNet.KerasEpsilon, name: "post_bn").Relu(name: "post_relu");
        return top.Finish(x, name, (features, classes) => features
            .GlobalAvgPool(name: "avg_pool")
            .Dense(classes, activation: Activation.Softmax, name: "predictions"));
    }

    /// <summary>
    /// keras.applications' <c>stack_residual_blocks_v2</c>: <c>{name}_block1</c> with a projection shortcut, then
    /// identity units, the last one, <c>{name}_block{blocks}</c>, with the stack's stride.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="filters">Filters of the units' first two convolutions; they output four times as many.</param>
    /// <param name="blocks">Units in the stack.</param>
    /// <param name="stride">The last unit's stride.</param>
    /// <param name="name">The stack's name, e.g. <c>conv2</c>.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> Stack(Net<Image> x, int filters, int blocks, int stride, string name) =>
        x.Repeat(blocks, (y, i) => Unit(y, filters, i == blocks - 1 ? stride : 1, convShortcut: i == 0, $"{name}_block{i + 1}"));

    /// <summary>
    /// keras.applications' <c>residual_block_v2</c>: <c>{name}_preact_bn</c> and <c>{name}_preact_relu</c>; the
    /// shortcut a biased 1x1 <c>{name}_0_conv</c> of the pre-activation when <paramref name="convShortcut"/>, else a
    /// 1x1 max pool with the stride (automatically named <c>max_pooling2d</c>...) or the input itself; the main path
    /// <c>{name}_1_conv</c> (1x1), <c>{name}_2_pad</c> and the 3x3 <c>{name}_2_conv</c> with the stride, both without
    /// bias and each with BatchNorm and ReLU, and the biased 1x1 <c>{name}_3_conv</c>; added by <c>{name}_out</c>.
    /// </summary>
    /// <param name="x">The unit's input.</param>
    /// <param name="filters">Filters of the first two convolutions; the unit outputs four times as many.</param>
    /// <param name="stride">Stride of the 3x3 conv and of the shortcut.</param>
    /// <param name="convShortcut">Whether the shortcut is projected (the first unit of each stack).</param>
    /// <param name="name">The unit's name prefix, e.g. <c>conv2_block1</c>.</param>
    /// <exception cref="NetBuildException">The input is too small for the stride.</exception>
    public static Net<Image> Unit(Net<Image> x, int filters, int stride, bool convShortcut, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        var preact = x.BatchNorm(epsilon: ResNet.KerasEpsilon, name: $"{name}_preact_bn").Relu(name: $"{name}_preact_relu");
        var shortcut = convShortcut ? preact.Conv(4 * filters, 1, s: stride, name: $"{name}_0_conv")
            : stride > 1 ? x.MaxPool(1, s: stride)
            : x;
        var main = preact
            .Conv(filters, 1, bias: false, name: $"{name}_1_conv")
            .BatchNorm(epsilon: ResNet.KerasEpsilon, name: $"{name}_1_bn")
            .Relu(name: $"{name}_1_relu")
            .ZeroPad(1, name: $"{name}_2_pad")
            .Conv(filters, 3, s: stride, bias: false, name: $"{name}_2_conv")
            .BatchNorm(epsilon: ResNet.KerasEpsilon, name: $"{name}_2_bn")
            .Relu(name: $"{name}_2_relu")
            .Conv(4 * filters, 1, name: $"{name}_3_conv");
        return Net.Add($"{name}_out", shortcut, main);
    }
}
