using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// Inception-v3 (Szegedy et al., https://arxiv.org/abs/1512.00567) as Keras applications builds it
/// (<c>keras/src/applications/inception_v3.py</c>): blocks <c>mixed0</c> to <c>mixed10</c>.
/// </summary>
public static class InceptionV3
{
    /// <summary>
    /// Keras applications' InceptionV3 with its top: a five-conv stem, three 35x35 modules,
    /// a reduction to 17x17, four 17x17 modules with factorised 7x7 convolutions, a reduction to
    /// 8x8, two 8x8 modules with split 1x3 / 3x1 convolutions, global average pool and softmax.
    /// Every convolution is Keras's <c>conv2d_bn</c>. 23,851,784 parameters (34,432
    /// non-trainable) at 299x299x3 with 1000 classes, as seed 004 prints.
    /// </summary>
    /// <param name="input">The input image shape (299x299x3 in Keras).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <exception cref="NetBuildException">The input is too small (Keras asks for at least 75x75).</exception>
    public static Network Build(Shape input, int classes = 1000) =>
        Classic.Input(input)
            .ConvBn(32, 3, "conv1", s: 2, pad: Padding.Valid)
            .ConvBn(32, 3, "conv2", pad: Padding.Valid)
            .ConvBn(64, 3, "conv3")
            .MaxPool(3, s: 2, name: "pool1")
            .ConvBn(80, 1, "conv4", pad: Padding.Valid)
            .ConvBn(192, 3, "conv5", pad: Padding.Valid)
            .MaxPool(3, s: 2, name: "pool2")
            .Then(x => Module35(x, poolProjection: 32, "mixed0"))
            .Then(x => Module35(x, poolProjection: 64, "mixed1"))
            .Then(x => Module35(x, poolProjection: 64, "mixed2"))
            .Then(x => Reduction35To17(x, "mixed3"))
            .Then(x => Module17(x, width7x7: 128, "mixed4"))
            .Then(x => Module17(x, width7x7: 160, "mixed5"))
            .Then(x => Module17(x, width7x7: 160, "mixed6"))
            .Then(x => Module17(x, width7x7: 192, "mixed7"))
            .Then(x => Reduction17To8(x, "mixed8"))
            .Then(x => Module8(x, "mixed9"))
            .Then(x => Module8(x, "mixed10"))
            .GlobalAvgPool(name: "avg_pool")
            .Dense(classes, activation: Activation.Softmax, name: "predictions")
            .ToNetwork("inception_v3");

    /// <summary>The 35x35 module: 1x1 | 1x1 then 5x5 | 1x1 then two 3x3 | 3x3 average pool then 1x1.</summary>
    private static Net<Image> Module35(Net<Image> x, int poolProjection, string name) =>
        x.Block(name, b => Net.Concat(
            "concat",
            b.ConvBn(64, 1, "branch1x1"),
            b.ConvBn(48, 1, "branch5x5_1").ConvBn(64, 5, "branch5x5_2"),
            b.ConvBn(64, 1, "branch3x3dbl_1").ConvBn(96, 3, "branch3x3dbl_2").ConvBn(96, 3, "branch3x3dbl_3"),
            b.AvgPool(3, s: 1, pad: Padding.Same, name: "branch_pool").ConvBn(poolProjection, 1, "branch_pool_proj")));

    /// <summary>35x35 to 17x17: a 3x3/2 conv | 1x1, 3x3 and a 3x3/2 conv | a 3x3/2 max pool, all VALID.</summary>
    private static Net<Image> Reduction35To17(Net<Image> x, string name) =>
        x.Block(name, b => Net.Concat(
            "concat",
            b.ConvBn(384, 3, "branch3x3", s: 2, pad: Padding.Valid),
            b.ConvBn(64, 1, "branch3x3dbl_1").ConvBn(96, 3, "branch3x3dbl_2").ConvBn(96, 3, "branch3x3dbl_3", s: 2, pad: Padding.Valid),
            b.MaxPool(3, s: 2, name: "branch_pool")));

    /// <summary>The 17x17 module: each 7x7 conv factorised into 1x7 and 7x1, <paramref name="width7x7"/> filters inside.</summary>
    private static Net<Image> Module17(Net<Image> x, int width7x7, string name) =>
        x.Block(name, b => Net.Concat(
            "concat",
            b.ConvBn(192, 1, "branch1x1"),
            b.ConvBn(width7x7, 1, "branch7x7_1").ConvBn(width7x7, (1, 7), "branch7x7_2").ConvBn(192, (7, 1), "branch7x7_3"),
            b.ConvBn(width7x7, 1, "branch7x7dbl_1")
                .ConvBn(width7x7, (7, 1), "branch7x7dbl_2")
                .ConvBn(width7x7, (1, 7), "branch7x7dbl_3")
                .ConvBn(width7x7, (7, 1), "branch7x7dbl_4")
                .ConvBn(192, (1, 7), "branch7x7dbl_5"),
            b.AvgPool(3, s: 1, pad: Padding.Same, name: "branch_pool").ConvBn(192, 1, "branch_pool_proj")));

    /// <summary>17x17 to 8x8: 1x1 and a 3x3/2 conv | 1x1, 1x7, 7x1 and a 3x3/2 conv | a 3x3/2 max pool.</summary>
    private static Net<Image> Reduction17To8(Net<Image> x, string name) =>
        x.Block(name, b => Net.Concat(
            "concat",
            b.ConvBn(192, 1, "branch3x3_1").ConvBn(320, 3, "branch3x3_2", s: 2, pad: Padding.Valid),
            b.ConvBn(192, 1, "branch7x7x3_1")
                .ConvBn(192, (1, 7), "branch7x7x3_2")
                .ConvBn(192, (7, 1), "branch7x7x3_3")
                .ConvBn(192, 3, "branch7x7x3_4", s: 2, pad: Padding.Valid),
            b.MaxPool(3, s: 2, name: "branch_pool")));

    /// <summary>The 8x8 module: the 3x3 branches end in a 1x3 and a 3x1 conv side by side, concatenated.</summary>
    private static Net<Image> Module8(Net<Image> x, string name) =>
        x.Block(name, b =>
        {
            var branch3x3 = b.ConvBn(384, 1, "branch3x3_1");
            var branch3x3dbl = b.ConvBn(448, 1, "branch3x3dbl_1").ConvBn(384, 3, "branch3x3dbl_2");
            return Net.Concat(
                "concat",
                b.ConvBn(320, 1, "branch1x1"),
                Net.Concat("branch3x3", branch3x3.ConvBn(384, (1, 3), "branch3x3_2a"), branch3x3.ConvBn(384, (3, 1), "branch3x3_2b")),
                Net.Concat("branch3x3dbl", branch3x3dbl.ConvBn(384, (1, 3), "branch3x3dbl_3a"), branch3x3dbl.ConvBn(384, (3, 1), "branch3x3dbl_3b")),
                b.AvgPool(3, s: 1, pad: Padding.Same, name: "branch_pool").ConvBn(192, 1, "branch_pool_proj"));
        });

    /// <summary>
    /// Keras's <c>conv2d_bn</c>: a convolution without bias (SAME unless told), BatchNorm without
    /// gamma (<c>scale=False</c>) and ReLU, named <c>{name}_conv</c>, <c>{name}_bn</c>, <c>{name}_relu</c>.
    /// </summary>
    private static Net<Image> ConvBn(this Net<Image> x, int filters, Size2 kernel, string name, Size2? s = null, Padding? pad = null) =>
        x.Conv(filters, kernel, s: s, pad: pad ?? Padding.Same, bias: false, name: $"{name}_conv")
            .BatchNorm(scale: false, name: $"{name}_bn")
            .Relu(name: $"{name}_relu");
}
