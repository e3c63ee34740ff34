using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>VGG (Simonyan and Zisserman, https://arxiv.org/abs/1409.1556) as Keras applications builds it.</summary>
public static class Vgg
{
    /// <summary>Convolutions per block of VGG16: 13 convs.</summary>
    public static readonly ImmutableArray<int> Vgg16 = [2, 2, 3, 3, 3];

    /// <summary>Convolutions per block of VGG19: 16 convs.</summary>
    public static readonly ImmutableArray<int> Vgg19 = [2, 2, 4, 4, 4];

    /// <summary>
    /// One builder fed with data: five blocks of 3x3 SAME ReLU convs (64, 128, 256, 512, 512
    /// filters) each closed by a 2x2 max pool, then two Dense(4096) and the classifier, named as
    /// Keras names them (<c>block1_conv1</c>, ..., <c>fc1</c>, <c>predictions</c>).
    /// </summary>
    /// <param name="name">The network's name.</param>
    /// <param name="convsPerBlock">Convolutions in each of the five blocks, e.g. <see cref="Vgg16"/>.</param>
    /// <param name="input">The input image shape (224x224x3 in Keras).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether <c>flatten</c>, <c>fc1</c>, <c>fc2</c> and <c>predictions</c> are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input is too small for five pools.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(
        string name, IReadOnlyList<int> convsPerBlock, Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        ArgumentNullException.ThrowIfNull(convsPerBlock);
        int[] filters = [64, 128, 256, 512, 512];
        var x = Classic.Input(input);
        for (int block = 0; block < convsPerBlock.Count; block++)
        {
            int b = block + 1;
            x = x.Repeat(convsPerBlock[block], (y, i) =>
                    y.Conv(filters[block], 3, pad: Padding.Same, activation: Activation.Relu, name: $"block{b}_conv{i + 1}"))
                .MaxPool(2, s: 2, name: $"block{b}_pool");
        }

        return new ZooTop(classes, includeTop, pooling).Finish(x, name, (features, c) => features
            .Flatten(name: "flatten")
            .Dense(4096, activation: Activation.Relu, name: "fc1")
            .Dense(4096, activation: Activation.Relu, name: "fc2")
            .Dense(c, activation: Activation.Softmax, name: "predictions"));
    }
}
