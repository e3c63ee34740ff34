using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// Inception-v3 (Szegedy et al., https://arxiv.org/abs/1512.00567) as keras.applications builds it
/// (<c>keras/src/applications/inception_v3.py</c>), layer for layer and in Keras's order.
/// </summary>
/// <remarks>
/// Keras's <c>conv2d_bn</c> names nothing, so its layers get Keras's automatic names in the order
/// it creates them: <c>conv2d</c>, <c>conv2d_1</c>, ... <c>conv2d_93</c>,
/// <c>batch_normalization</c> to <c>batch_normalization_93</c>, <c>activation</c> to
/// <c>activation_93</c>; the modules' concatenations are <c>mixed0</c> to <c>mixed10</c> (with
/// <c>mixed9_0</c>, <c>mixed9_1</c> and <c>concatenate</c>, <c>concatenate_1</c> inside the last
/// two). Those are the names a Keras 2.3+ or Keras 3 <c>InceptionV3()</c> saves, and the order
/// is the one Keras 3's <c>.weights.h5</c> counts its <c>layers/conv2d_N</c> paths in.
/// </remarks>
public static class InceptionV3
{
    /// <summary>
    /// keras.applications' InceptionV3: a five-conv stem, three 35x35 modules, a reduction to 17x17,
    /// four 17x17 modules with factorised 7x7 convolutions, a reduction to 8x8, two 8x8 modules with
    /// split 1x3 / 3x1 convolutions, then <c>avg_pool</c> and <c>predictions</c>. Every convolution
    /// is <c>conv2d_bn</c>: no bias, BatchNorm without gamma (<c>scale=False</c>), ReLU.
    /// 23,851,784 parameters (34,432 non-trainable) at 299x299x3 with 1000 classes.
    /// </summary>
    /// <param name="input">The input image shape (299x299x3 in Keras).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether <c>avg_pool</c> and <c>predictions</c> are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input is too small (Keras asks for at least 75x75).</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        var x = Classic.Input(input)
            .ConvBn(32, 3, s: 2, pad: Padding.Valid)
            .ConvBn(32, 3, pad: Padding.Valid)
            .ConvBn(64, 3)
            .MaxPool(3, s: 2)
            .ConvBn(80, 1, pad: Padding.Valid)
            .ConvBn(192, 3, pad: Padding.Valid)
            .MaxPool(3, s: 2);
        x = Module35(x, poolProjection: 32, "mixed0");
        x = Module35(x, poolProjection: 64, "mixed1");
        x = Module35(x, poolProjection: 64, "mixed2");
        x = Reduction35To17(x, "mixed3");
        x = Module17(x, width7x7: 128, "mixed4");
        x = Module17(x, width7x7: 160, "mixed5");
        x = Module17(x, width7x7: 160, "mixed6");
        x = Module17(x, width7x7: 192, "mixed7");
        x = Reduction17To8(x, "mixed8");
        x = Module8(x, "mixed9_0", "mixed9");
        x = Module8(x, "mixed9_1", "mixed10");
        return new ZooTop(classes, includeTop, pooling).Finish(x, "inception_v3", (features, c) => features
            .GlobalAvgPool(name: "avg_pool")
            .Dense(c, activation: Activation.Softmax, name: "predictions"));
    }

    /// <summary>The 35x35 module (<c>mixed0</c> to <c>mixed2</c>): 1x1 | 1x1 then 5x5 | 1x1 then two 3x3 | 3x3 average pool then 1x1.</summary>
    /// <param name="x">The module's input.</param>
    /// <param name="name">The concatenation's name, e.g. <c>mixed0</c>; the convolutions take Keras's automatic names.</param>
    /// <param name="poolProjection">Filters of the pool branch's 1x1 convolution (32 in <c>mixed0</c>, 64 after).</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> Module35(Net<Image> x, int poolProjection, string name)
    {
        var branch1x1 = x.ConvBn(64, 1);
        var branch5x5 = x.ConvBn(48, 1).ConvBn(64, 5);
        var branch3x3dbl = x.ConvBn(64, 1).ConvBn(96, 3).ConvBn(96, 3);
        var branchPool = x.AvgPool(3, s: 1, pad: Padding.Same).ConvBn(poolProjection, 1);
        return Net.Concat(name, branch1x1, branch5x5, branch3x3dbl, branchPool);
    }

    /// <summary>35x35 to 17x17 (<c>mixed3</c>): a 3x3/2 conv | 1x1, 3x3 and a 3x3/2 conv | a 3x3/2 max pool, all VALID.</summary>
    /// <param name="x">The module's input.</param>
    /// <param name="name">The concatenation's name, e.g. <c>mixed3</c>; the convolutions take Keras's automatic names.</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> Reduction35To17(Net<Image> x, string name)
    {
        var branch3x3 = x.ConvBn(384, 3, s: 2, pad: Padding.Valid);
        var branch3x3dbl = x.ConvBn(64, 1).ConvBn(96, 3).ConvBn(96, 3, s: 2, pad: Padding.Valid);
        var branchPool = x.MaxPool(3, s: 2);
        return Net.Concat(name, branch3x3, branch3x3dbl, branchPool);
    }

    /// <summary>The 17x17 module (<c>mixed4</c> to <c>mixed7</c>): each 7x7 conv factorised into 1x7 and 7x1, <paramref name="width7x7"/> filters inside.</summary>
    /// <param name="x">The module's input.</param>
    /// <param name="name">The concatenation's name, e.g. <c>mixed4</c>; the convolutions take Keras's automatic names.</param>
    /// <param name="width7x7">Filters inside the factorised branches (128, 160, 160, 192 in Keras).</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> Module17(Net<Image> x, int width7x7, string name)
    {
        var branch1x1 = x.ConvBn(192, 1);
        var branch7x7 = x.ConvBn(width7x7, 1).ConvBn(width7x7, (1, 7)).ConvBn(192, (7, 1));
        var branch7x7dbl = x.ConvBn(width7x7, 1)
            .ConvBn(width7x7, (7, 1))
            .ConvBn(width7x7, (1, 7))
            .ConvBn(width7x7, (7, 1))
            .ConvBn(192, (1, 7));
        var branchPool = x.AvgPool(3, s: 1, pad: Padding.Same).ConvBn(192, 1);
        return Net.Concat(name, branch1x1, branch7x7, branch7x7dbl, branchPool);
    }

    /// <summary>17x17 to 8x8 (<c>mixed8</c>): 1x1 and a 3x3/2 conv | 1x1, 1x7, 7x1 and a 3x3/2 conv | a 3x3/2 max pool.</summary>
    /// <param name="x">The module's input.</param>
    /// <param name="name">The concatenation's name, e.g. <c>mixed8</c>; the convolutions take Keras's automatic names.</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> Reduction17To8(Net<Image> x, string name)
    {
        var branch3x3 = x.ConvBn(192, 1).ConvBn(320, 3, s: 2, pad: Padding.Valid);
        var branch7x7x3 = x.ConvBn(192, 1).ConvBn(192, (1, 7)).ConvBn(192, (7, 1)).ConvBn(192, 3, s: 2, pad: Padding.Valid);
        var branchPool = x.MaxPool(3, s: 2);
        return Net.Concat(name, branch3x3, branch7x7x3, branchPool);
    }

    /// <summary>
    /// The 8x8 module: the 3x3 branches end in a 1x3 and a 3x1 conv side by side, concatenated as
    /// <paramref name="split"/> and as an unnamed <c>concatenate</c>, as Keras does (<c>mixed9</c> and <c>mixed10</c>).
    /// </summary>
    /// <param name="x">The module's input.</param>
    /// <param name="name">The concatenation's name, e.g. <c>mixed9</c>; the convolutions take Keras's automatic names.</param>
    /// <param name="split">The name of the 3x3 branch's concatenation, e.g. <c>mixed9_0</c>.</param>
    /// <exception cref="NetBuildException">The input is too small for the module's convolutions, or a name is taken.</exception>
    public static Net<Image> Module8(Net<Image> x, string split, string name)
    {
        var branch1x1 = x.ConvBn(320, 1);
        var branch3x3 = x.ConvBn(384, 1);
        branch3x3 = Net.Concat(split, branch3x3.ConvBn(384, (1, 3)), branch3x3.ConvBn(384, (3, 1)));
        var branch3x3dbl = x.ConvBn(448, 1).ConvBn(384, 3);
        branch3x3dbl = Net.Concat(branch3x3dbl.ConvBn(384, (1, 3)), branch3x3dbl.ConvBn(384, (3, 1)));
        var branchPool = x.AvgPool(3, s: 1, pad: Padding.Same).ConvBn(192, 1);
        return Net.Concat(name, branch1x1, branch3x3, branch3x3dbl, branchPool);
    }

    /// <summary>
    /// Keras's <c>conv2d_bn</c> called without a name: a convolution without bias (SAME unless
    /// told), BatchNorm without gamma (<c>scale=False</c>) and ReLU, each named automatically.
    /// </summary>
    private static Net<Image> ConvBn(this Net<Image> x, int filters, Size2 kernel, Size2? s = null, Padding? pad = null) =>
        x.Conv(filters, kernel, s: s, pad: pad ?? Padding.Same, bias: false)
            .BatchNorm(scale: false)
            .Relu();
}
