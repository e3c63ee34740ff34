using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>The early sequential architectures of the seeds.</summary>
public static class Classic
{
    /// <summary>LeNet-5 as seed 000 writes it: 61,706 parameters at 32x32x1 with 10 classes.</summary>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    public static Network LeNet5(Shape input, int classes = 10) =>
        Input(input)
            .Conv(6, 5, activation: Activation.Relu)
            .MaxPool(2, s: 2)
            .Conv(16, 5, activation: Activation.Relu)
            .MaxPool(2, s: 2)
            .Flatten()
            .Dense(120, activation: Activation.Relu)
            .Dense(84, activation: Activation.Relu)
            .Dense(classes, activation: Activation.Softmax)
            .ToNetwork("lenet5");

    /// <summary>
    /// AlexNet exactly as seed 000 writes it (SAME padding everywhere, 2x2 pools, a stride-3 fifth
    /// conv): 34,066,792 parameters at 224x224x3.
    /// </summary>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    public static Network AlexNet(Shape input, int classes = 1000) =>
        Input(input)
            .Conv(96, 11, s: 4, pad: Padding.Same, activation: Activation.Relu)
            .MaxPool(2, s: 2, pad: Padding.Same)
            .Conv(256, 5, pad: Padding.Same, activation: Activation.Relu)
            .MaxPool(2, s: 2, pad: Padding.Same)
            .Conv(384, 3, pad: Padding.Same, activation: Activation.Relu)
            .Conv(384, 3, pad: Padding.Same, activation: Activation.Relu)
            .Conv(256, 3, s: 3, pad: Padding.Same, activation: Activation.Relu)
            .MaxPool(2, s: 2, pad: Padding.Same)
            .Flatten()
            .Dense(4096, activation: Activation.Relu)
            .Dropout(0.4)
            .Dense(4096, activation: Activation.Relu)
            .Dropout(0.4)
            .Dense(classes, activation: Activation.Softmax)
            .ToNetwork("alexnet");

    /// <summary>
    /// Seed 001's Fashion-MNIST CNN (Hands-On ML, chapter 14): DefaultConv2D is a 3x3 SAME ReLU
    /// conv, the first one 7x7. 1,413,834 parameters at 28x28x1.
    /// </summary>
    /// <exception cref="NetBuildException">The input is too small.</exception>
    public static Network FashionCnn(Shape input, int classes = 10)
    {
        static Net<Image> DefaultConv(Net<Image> x, int filters, int kernel = 3) =>
            x.Conv(filters, kernel, pad: Padding.Same, activation: Activation.Relu);

        return DefaultConv(Input(input), 64, kernel: 7)
            .MaxPool(2)
            .Then(x => DefaultConv(x, 128))
            .Then(x => DefaultConv(x, 128))
            .MaxPool(2)
            .Then(x => DefaultConv(x, 256))
            .Then(x => DefaultConv(x, 256))
            .MaxPool(2)
            .Flatten()
            .Dense(128, activation: Activation.Relu)
            .Dropout(0.5)
            .Dense(64, activation: Activation.Relu)
            .Dropout(0.5)
            .Dense(classes, activation: Activation.Softmax)
            .ToNetwork("fashion_cnn");
    }

    /// <summary>An image input of the given shape.</summary>
    /// <exception cref="NetBuildException">The shape is not an image shape with positive sizes.</exception>
    public static Net<Image> Input(Shape input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.IsImage)
        {
            throw new NetBuildException("input_1", [input], $"input_1: an image model needs an HxWxC input. Received: {input}.");
        }

        return Net.Input(input.Height, input.Width, input.Channels);
    }
}
