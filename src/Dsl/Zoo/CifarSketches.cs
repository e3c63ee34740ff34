using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>
/// Seed 003's small CIFAR-10 models that show one idea each: a naive Inception module, and a
/// residual addition with and without a change of feature-map size.
/// </summary>
public static class CifarSketches
{
    /// <summary>
    /// Seed 003's naive Inception: four branches (a strided 1x1 VALID conv; 1x1 then a strided
    /// 3x3; 1x1 then a strided 5x5; a strided 3x3 max pool then 1x1), 16 ReLU filters each, all
    /// ending at half the input size, concatenated, then Dense(512) and softmax. 8,403,242
    /// parameters at 32x32x3 with 10 classes.
    /// </summary>
    /// <param name="input">The input image shape (32x32x3 in the seed).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether the flatten and dense layers after the last feature map are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input shape is not an image.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network NaiveInception(Shape input, int classes = 10, bool includeTop = true, Pooling pooling = Pooling.None) =>
        new ZooTop(classes, includeTop, pooling).Finish(
            Classic.Input(input)
                .Block("inception", b => b.Branches(
                    x => x.Conv(16, 1, s: 2, activation: Activation.Relu, name: "branch_a"),
                    x => x.Conv(16, 1, activation: Activation.Relu, name: "branch_b_1x1")
                        .Conv(16, 3, s: 2, pad: Padding.Same, activation: Activation.Relu, name: "branch_b_3x3"),
                    x => x.Conv(16, 1, activation: Activation.Relu, name: "branch_c_1x1")
                        .Conv(16, 5, s: 2, pad: Padding.Same, activation: Activation.Relu, name: "branch_c_5x5"),
                    x => x.MaxPool(3, s: 2, pad: Padding.Same, name: "branch_d_pool")
                        .Conv(16, 1, activation: Activation.Relu, name: "branch_d_1x1"))),
            "inception_naive",
            (features, c) => features
                .Flatten(name: "flatten")
                .Dense(512, activation: Activation.Relu, name: "dense_1")
                .Dense(c, activation: Activation.Softmax, name: "predictions"));

    /// <summary>
    /// Seed 003's residual model for equal feature-map sizes: three 3x3 SAME ReLU convs added to
    /// the input (identity shortcut, no activation after the addition), then Dense(128) and
    /// softmax. The seed's 3 filters are the input's channels, which the identity addition
    /// needs, so they are taken from the input. 394,886 parameters at 32x32x3 with 10 classes.
    /// </summary>
    /// <param name="input">The input image shape (32x32x3 in the seed).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether the flatten and dense layers after the last feature map are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input shape is not an image.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network ResidualIdentity(Shape input, int classes = 10, bool includeTop = true, Pooling pooling = Pooling.None) =>
        new ZooTop(classes, includeTop, pooling).Finish(
            Classic.Input(input)
                .Residual(
                    b => b.Repeat(3, (x, i) => x.Conv(b.Shape.Channels, 3, pad: Padding.Same, activation: Activation.Relu, name: $"main_{i + 1}")),
                    Shortcut.Identity,
                    name: "residual"),
            "residual_identity",
            (features, c) => features
                .Flatten(name: "flatten")
                .Dense(128, activation: Activation.Relu, name: "dense_1")
                .Dense(c, activation: Activation.Softmax, name: "predictions"));

    /// <summary>
    /// Seed 003's residual model for different feature-map sizes: 3x3 SAME ReLU convs of 3 and 6
    /// filters and a 2x2 max pool, then the pooled map added to a 1x1 conv of itself. The seed
    /// applies its "dimension-matching" 1x1 conv to the pooled map, not to the input, so the
    /// addition's two inputs already agree; the model keeps that. Then Dense(128) and softmax.
    /// 198,320 parameters at 32x32x3 with 10 classes.
    /// </summary>
    /// <param name="input">The input image shape (32x32x3 in the seed).</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether the flatten and dense layers after the last feature map are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input is smaller than the 2x2 pool.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network ResidualProjection(Shape input, int classes = 10, bool includeTop = true, Pooling pooling = Pooling.None) =>
        new ZooTop(classes, includeTop, pooling).Finish(
            Classic.Input(input)
                .Conv(3, 3, pad: Padding.Same, activation: Activation.Relu, name: "main_1")
                .Conv(6, 3, pad: Padding.Same, activation: Activation.Relu, name: "main_2")
                .MaxPool(2, name: "main_3")
                .Then(main => Net.Add("add", main, main.Conv(main.Shape.Channels, 1, name: "residual"))),
            "residual_projection",
            (features, c) => features
                .Flatten(name: "flatten")
                .Dense(128, activation: Activation.Relu, name: "dense_1")
                .Dense(c, activation: Activation.Softmax, name: "predictions"));
}
