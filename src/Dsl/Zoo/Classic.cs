using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>The early sequential architectures of the seeds.</summary>
public static class Classic
{
    /// <summary>LeNet-5 as seed 000 writes it: 61,706 parameters at 32x32x1 with 10 classes.</summary>
    /// <param name="input">The input image shape.</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether the flatten and dense layers after the last feature map are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network LeNet5(Shape input, int classes = 10, bool includeTop = true, Pooling pooling = Pooling.None) =>
        new ZooTop(classes, includeTop, pooling).Finish(
            Input(input)
                .Conv(6, 5, activation: Activation.Relu)
                .MaxPool(2, s: 2)
                .Conv(16, 5, activation: Activation.Relu)
                .MaxPool(2, s: 2),
            "lenet5",
            (features, c) => features
                .Flatten()
                .Dense(120, activation: Activation.Relu)
                .Dense(84, activation: Activation.Relu)
                .Dense(c, activation: Activation.Softmax));

    /// <summary>
    /// AlexNet exactly as seed 000 writes it (SAME padding everywhere, 2x2 pools, a stride-3 fifth
    /// conv): 34,066,792 parameters at 224x224x3.
    /// </summary>
    /// <param name="input">The input image shape.</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether the flatten and dense layers after the last feature map are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network AlexNet(Shape input, int classes = 1000, bool includeTop = true, Pooling pooling = Pooling.None) =>
        new ZooTop(classes, includeTop, pooling).Finish(
            Input(input)
                .Conv(96, 11, s: 4, pad: Padding.Same, activation: Activation.Relu)
                .MaxPool(2, s: 2, pad: Padding.Same)
                .Conv(256, 5, pad: Padding.Same, activation: Activation.Relu)
                .MaxPool(2, s: 2, pad: Padding.Same)
                .Conv(384, 3, pad: Padding.Same, activation: Activation.Relu)
                .Conv(384, 3, pad: Padding.Same, activation: Activation.Relu)
                .Conv(256, 3, s: 3, pad: Padding.Same, activation: Activation.Relu)
                .MaxPool(2, s: 2, pad: Padding.Same),
            "alexnet",
            (features, c) => features
                .Flatten()
                .Dense(4096, activation: Activation.Relu)
                .Dropout(0.4)
                .Dense(4096, activation: Activation.Relu)
                .Dropout(0.4)
                .Dense(c, activation: Activation.Softmax));

    /// <summary>
    /// Seed 001's Fashion-MNIST CNN (Hands-On ML, chapter 14): DefaultConv2D is a 3x3 SAME ReLU
    /// conv, the first one 7x7. 1,413,834 parameters at 28x28x1.
    /// </summary>
    /// <param name="input">The input image shape.</param>
    /// <param name="classes">Classes of the softmax classifier.</param>
    /// <param name="includeTop">Whether the flatten and dense layers after the last feature map are built.</param>
    /// <param name="pooling">Without the top: what the network ends in.</param>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    /// <exception cref="ArgumentException">A pooling was asked for together with the top.</exception>
    public static Network FashionCnn(Shape input, int classes = 10, bool includeTop = true, Pooling pooling = Pooling.None)
    {
        static Net<Image> DefaultConv(Net<Image> x, int filters, int kernel = 3) =>
            x.Conv(filters, kernel, pad: Padding.Same, activation: Activation.Relu);

        var features = DefaultConv(Input(input), 64, kernel: 7)
            .MaxPool(2)
            .Then(x => DefaultConv(x, 128))
            .Then(x => DefaultConv(x, 128))
            .MaxPool(2)
            .Then(x => DefaultConv(x, 256))
            .Then(x => DefaultConv(x, 256))
            .MaxPool(2);
        return new ZooTop(classes, includeTop, pooling).Finish(features, "fashion_cnn", (x, c) => x
            .Flatten()
            .Dense(128, activation: Activation.Relu)
            .Dropout(0.5)
            .Dense(64, activation: Activation.Relu)
            .Dropout(0.5)
            .Dense(c, activation: Activation.Softmax));
    }

    /// <summary>An image input of the given shape.</summary>
    /// <param name="input">The input shape.</param>
    /// <param name="name">The input layer's name: Keras 2's <c>input_1</c>, or Keras 3's <c>input_layer</c>.</param>
    /// <exception cref="NetBuildException">The shape is not an image shape with positive sizes.</exception>
    public static Net<Image> Input(Shape input, string name = "input_1")
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.IsImage)
        {
            throw new NetBuildException(name, [input], $"{name}: an image model needs an HxWxC input. Received: {input}.");
        }

        return Net.Input(input.Height, input.Width, input.Channels, name: name);
    }
}
