using FluentNets.Zoo;

namespace FluentNets.Benchmarks.Inference;

/// <summary>One inference workload of the inference section: a zoo model at its published 224x224 input and a batch.</summary>
/// <param name="Model">Zoo name, e.g. <c>resnet50</c>.</param>
/// <param name="Batch">Examples per batch: 8 for throughput, 1 for latency.</param>
public sealed record InferenceCase(string Model, int Batch)
{
    /// <summary>Input height and width of every case.</summary>
    public const int Size = 224;

    /// <summary>
    /// The cases: keras.applications' ResNet-50 and seed 000's GoogLeNet, and MobileNetV2 and
    /// EfficientNet-B0 where the zoo has them, each at batch 8 and at batch 1.
    /// </summary>
    public static IReadOnlyList<InferenceCase> All =>
        [.. new[] { "resnet50", "googlenet", "mobilenet-v2", "efficientnet-b0" }
            .Where(name => ModelZoo.Find(name) is not null)
            .SelectMany(name => new[] { new InferenceCase(name, 8), new InferenceCase(name, 1) })];

    /// <summary><c>resnet50, batch 8</c>.</summary>
    public override string ToString() => $"{Model}, batch {Batch}";
}
