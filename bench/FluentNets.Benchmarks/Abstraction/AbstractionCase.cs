namespace FluentNets.Benchmarks.Abstraction;

/// <summary>One libtorch workload: a model, inference or one training step, a batch and an input size.</summary>
/// <param name="Model">Zoo name: <c>lenet5</c>, <c>resnet50</c>, or one of torchvision's <c>tv-mobilenet-v2</c>, <c>tv-efficientnet-b0</c>, <c>tv-convnext-tiny</c>, <c>tv-resnext50-32x4d</c>.</param>
/// <param name="Training">One training step (forward to the logits, cross-entropy, backward, SGD update) rather than an inference.</param>
/// <param name="Batch">Examples per batch.</param>
/// <param name="Size">Input height and width.</param>
/// <param name="Channels">Input channels.</param>
public sealed record AbstractionCase(string Model, bool Training, int Batch, int Size, int Channels)
{
    /// <summary>
    /// The cases of the benchmark. ResNet-50 trains at 224x224: seed 000's ResNet ends in a fixed
    /// 7x7 average pool, so its smallest input is 197x197 (at 112x112 the last stage is 4x4 and the
    /// DSL rejects the network, as Keras would). The torchvision models run at batch 8, 224x224, as
    /// ResNet-50 does; they bring the layers seed 000's ResNet-50 lacks: depthwise and grouped
    /// convolutions, squeeze-excitation, LayerNorm, layer scale and stochastic depth.
    /// </summary>
    public static readonly AbstractionCase[] All =
    [
        new("lenet5", false, 128, 32, 1),
        new("lenet5", true, 128, 32, 1),
        new("resnet50", false, 8, 224, 3),
        new("resnet50", true, 8, 224, 3),
        new("tv-mobilenet-v2", false, 8, 224, 3),
        new("tv-mobilenet-v2", true, 8, 224, 3),
        new("tv-efficientnet-b0", false, 8, 224, 3),
        new("tv-efficientnet-b0", true, 8, 224, 3),
        new("tv-convnext-tiny", false, 8, 224, 3),
        new("tv-convnext-tiny", true, 8, 224, 3),
        new("tv-resnext50-32x4d", false, 8, 224, 3),
        new("tv-resnext50-32x4d", true, 8, 224, 3),
    ];

    /// <summary><c>inference</c> or <c>training step</c>.</summary>
    public string Mode => Training ? "train step" : "inference";

    /// <summary><c>128x32x32x1</c>.</summary>
    public string InputText => $"{Batch}x{Size}x{Size}x{Channels}";

    /// <summary>
    /// Floating-point operations of one run: 2 per multiply-accumulate of the DSL's analysis, times
    /// the batch; a training step counts 3 forward passes (forward, and backward's two products per layer).
    /// </summary>
    public double Flops(long inferenceMacs) => 2.0 * inferenceMacs * Batch * (Training ? 3 : 1);
}
