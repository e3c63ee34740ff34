using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// keras.applications' DenseNet-121, -169 and -201 (<c>keras/src/applications/densenet.py</c>), layer for layer
/// and name for name as Keras 3 builds them (<c>conv2_block1_0_bn</c>, <c>pool2_conv</c>), so Keras's weight
/// files load as they are. Every BatchNorm has epsilon <see cref="ResNet.KerasEpsilon"/>.
/// </summary>
public static class DenseNet
{
    /// <summary>
    /// A keras.applications DenseNet: zero padding 3, the 7x7/2 <c>conv1_conv</c> without bias, <c>conv1_bn</c>,
    /// <c>conv1_relu</c>, zero padding 1 and the 3x3/2 <c>pool1</c>, dense blocks <c>conv2</c> to <c>conv5</c>
    /// (<see cref="ConvBlock"/>) with transitions <c>pool2</c> to <c>pool4</c> between them (<see cref="Transition"/>),
    /// <c>bn</c>, <c>relu</c>, then <c>avg_pool</c> and <c>predictions</c>. DenseNet-121 has 8,062,504 parameters
    /// (83,648 non-trainable) as Keras publishes.
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="design">Dense layers per block, e.g. <see cref="DenseNetDesign.DenseNet121"/>.</param>
    /// <param name="input">The input image (224x224x3 in Keras, 32x32 the smallest it accepts).</param>
    /// <param name="top">The classifier, or the pooling without it.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(string name, DenseNetDesign design, Shape input, ZooTop top)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(top);
        var x = Classic.Input(input, "input_layer")
            .ZeroPad(3)
            .Conv(design.StemFilters, 7, s: 2, bias: false, name: "conv1_conv")
            .BatchNorm(epsilon: ResNet.KerasEpsilon, name: "conv1_bn")
            .Relu(name: "conv1_relu")
            .ZeroPad(1)
            .MaxPool(3, s: 2, name: "pool1");
        for (int i = 0; i < design.Blocks.Length; i++)
        {
            string block = $"conv{i + 2}";
            x = x.Repeat(design.Blocks[i], (y, j) => ConvBlock(y, design.GrowthRate, $"{block}_block{j + 1}"));
            if (i < design.Blocks.Length - 1)
            {
                x = Transition(x, 0.5, $"pool{i + 2}");
            }
        }

        x = x.BatchNorm(epsilon: ResNet.KerasEpsilon, name: "bn").Relu(name: "relu");
        return top.Finish(x, name, (features, classes) => features
            .GlobalAvgPool(name: "avg_pool")
            .Dense(classes, activation: Activation.Softmax, name: "predictions"));
    }

    /// <summary>
    /// keras.applications' <c>conv_block</c>: <c>{name}_0_bn</c>, <c>{name}_0_relu</c>, the 1x1 <c>{name}_1_conv</c>
    /// of four times the growth rate, <c>{name}_1_bn</c>, <c>{name}_1_relu</c>, the 3x3 SAME <c>{name}_2_conv</c> of
    /// the growth rate, concatenated after the input by <c>{name}_concat</c>. The convs have no bias.
    /// </summary>
    /// <param name="x">The block's input.</param>
    /// <param name="growthRate">Channels the block adds.</param>
    /// <param name="name">The name prefix, e.g. <c>conv2_block1</c>.</param>
    /// <exception cref="NetBuildException">A name is taken.</exception>
    public static Net<Image> ConvBlock(Net<Image> x, int growthRate, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        var added = x.BatchNorm(epsilon: ResNet.KerasEpsilon, name: $"{name}_0_bn")
            .Relu(name: $"{name}_0_relu")
            .Conv(4 * growthRate, 1, bias: false, name: $"{name}_1_conv")
            .BatchNorm(epsilon: ResNet.KerasEpsilon, name: $"{name}_1_bn")
            .Relu(name: $"{name}_1_relu")
            .Conv(growthRate, 3, pad: Padding.Same, bias: false, name: $"{name}_2_conv");
        return Net.Concat($"{name}_concat", x, added);
    }

    /// <summary>
    /// keras.applications' <c>transition_block</c>: <c>{name}_bn</c>, <c>{name}_relu</c>, the 1x1 <c>{name}_conv</c>
    /// to int(channels x <paramref name="reduction"/>) without bias, and the 2x2/2 average pool <c>{name}_pool</c>.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="reduction">The fraction of channels kept (0.5).</param>
    /// <param name="name">The name prefix, e.g. <c>pool2</c>.</param>
    /// <exception cref="NetBuildException">The map is too small to pool, or a name is taken.</exception>
    public static Net<Image> Transition(Net<Image> x, double reduction, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.BatchNorm(epsilon: ResNet.KerasEpsilon, name: $"{name}_bn")
            .Relu(name: $"{name}_relu")
            .Conv((int)(x.Shape.Channels * reduction), 1, bias: false, name: $"{name}_conv")
            .AvgPool(2, s: 2, name: $"{name}_pool");
    }
}
