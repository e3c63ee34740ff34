namespace FluentNets.Zoo;

/// <summary>The architectures FluentNets ships, by name.</summary>
public static class ModelZoo
{
    private static readonly ZooModel[] Models =
    [
        new("lenet5", "LeNet-5 (seed 000): two 5x5 ReLU convs with max pooling, three dense layers", Shape.Image(32, 32, 1), 10,
            (input, classes) => Classic.LeNet5(input, classes)),
        new("alexnet", "AlexNet as seed 000 writes it: SAME everywhere, stride-3 fifth conv", Shape.Image(224, 224, 3), 1000,
            (input, classes) => Classic.AlexNet(input, classes)),
        new("vgg16", "VGG16 as in Keras applications", Shape.Image(224, 224, 3), 1000,
            (input, classes) => Vgg.Build("vgg16", Vgg.Vgg16, input, classes)),
        new("vgg19", "VGG19 as in Keras applications", Shape.Image(224, 224, 3), 1000,
            (input, classes) => Vgg.Build("vgg19", Vgg.Vgg19, input, classes)),
        new("fashion-cnn", "Seed 001's Fashion-MNIST CNN (DefaultConv2D: 3x3 SAME ReLU; the first 7x7)", Shape.Image(28, 28, 1), 10,
            (input, classes) => Classic.FashionCnn(input, classes)),
    ];

    /// <summary>Every model, in the order <c>fluentnets zoo</c> lists them.</summary>
    public static IReadOnlyList<ZooModel> All => Models;

    /// <summary>The model with that name (case-insensitive), or null.</summary>
    public static ZooModel? Find(string name) => Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The model with that name.</summary>
    /// <exception cref="KeyNotFoundException">No model has that name; the message lists the names.</exception>
    public static ZooModel Get(string name) => Find(name)
        ?? throw new KeyNotFoundException($"unknown model '{name}'. Known models: {string.Join(", ", Models.Select(m => m.Name))}.");
}
