using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>GoogLeNet (Szegedy et al., https://arxiv.org/abs/1409.4842) as seed 000 writes it.</summary>
public static class GoogLeNet
{
    /// <summary>
    /// Seed 000's GoogLeNet: the 7x7/2 and 3x3 stem with L2(0.0002), nine Inception modules
    /// (3a to 5b, the paper's Table 1), an auxiliary classifier after the 4th and after the 7th
    /// module (4b and 4e, where the seed puts them, not after 4a and 4d as in the paper), then a
    /// 7x7 average pool, Dropout(0.4) and a linear classifier (the seed's main head has no
    /// softmax). 13,413,032 parameters at 224x224x3 with 1000 classes, 6,994,392 without the
    /// auxiliary heads. As in the seed, the last Dense acts on the 1x1x1024 map's channels (Keras's
    /// Dense on the last axis), so the main output is a 1x1x<paramref name="classes"/> image.
    /// </summary>
    /// <param name="input">The input image shape (224x224x3 in the seed).</param>
    /// <param name="classes">Classes of the main and auxiliary classifiers.</param>
    /// <param name="includeTop">Whether the classifier (with the auxiliary heads) is built; without it the network ends in <c>inception_5b/output</c>, a 1024-channel map, as keras.applications' <c>include_top=False</c>.</param>
    /// <param name="pooling">Without the top: the last feature map, or it pooled by <c>avg_pool</c> or <c>max_pool</c>.</param>
    /// <exception cref="NetBuildException">The input is too small: the auxiliary heads need a 5x5 map after three stride-2 pools and the stride-2 stem.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network Build(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        var top = new ZooTop(classes, includeTop, pooling);
        var features = Classic.Input(input)
            .Conv(64, 7, s: 2, pad: Padding.Same, activation: Activation.Relu, l2: 0.0002, name: "conv1_7x7_s2")
            .MaxPool(3, s: 2, pad: Padding.Same, name: "pool1_3x3_s2")
            .Conv(192, 3, pad: Padding.Same, activation: Activation.Relu, l2: 0.0002, name: "conv2_3x3")
            .MaxPool(3, s: 2, pad: Padding.Same, name: "pool2_3x3_s2")
            .Inception(64, (96, 128), (16, 32), 32, name: "inception_3a")
            .Inception(128, (128, 192), (32, 96), 64, name: "inception_3b")
            .MaxPool(3, s: 2, pad: Padding.Same, name: "pool3_3x3_s2")
            .Inception(192, (96, 208), (16, 48), 64, name: "inception_4a")
            .Inception(160, (112, 224), (24, 64), 64, name: "inception_4b")
            .Then(x => top.Aux(x, "aux1", AuxiliaryClassifier, lossWeight: 0.3))
            .Inception(128, (128, 256), (24, 64), 64, name: "inception_4c")
            .Inception(112, (144, 288), (32, 64), 64, name: "inception_4d")
            .Inception(256, (160, 320), (32, 128), 128, name: "inception_4e")
            .Then(x => top.Aux(x, "aux2", AuxiliaryClassifier, lossWeight: 0.3))
            .MaxPool(3, s: 2, pad: Padding.Same, name: "pool4_3x3_s2")
            .Inception(256, (160, 320), (32, 128), 128, name: "inception_5a")
            .Inception(384, (192, 384), (48, 128), 128, name: "inception_5b");
        return top.Finish(features, "googlenet", (x, c) => x
            .AvgPool(7, s: 1, name: "pool5_7x7_s1")
            .Dropout(0.4, name: "dropout")
            .Dense(c, name: "classifier"));
    }

    /// <summary>
    /// Seed 000's Auxiliary_classifier: 5x5/3 average pool, 1x1 conv of 128, Dense(1024) and
    /// Dropout(0.7), then a softmax classifier; conv and Dense layers carry L2(0.0002).
    /// </summary>
    private static Net<Vector> AuxiliaryClassifier(Net<Image> x, int classes) =>
        x.AvgPool(5, s: 3, name: "avg_pool")
            .Conv(128, 1, pad: Padding.Same, activation: Activation.Relu, l2: 0.0002, name: "conv")
            .Flatten(name: "flatten")
            .Dense(1024, activation: Activation.Relu, l2: 0.0002, name: "fc")
            .Dropout(0.7, name: "dropout")
            .Dense(classes, activation: Activation.Softmax, l2: 0.0002, name: "classifier");
}
