using FluentNets.Graph;
using FluentNets.Zoo;

namespace FluentNets.Benchmarks.Dsl;

/// <summary>
/// A 152-layer ResNet from the zoo's public stage builder: seed 000's biased stem and head around
/// <see cref="ResNet.BottleneckUnit"/> stages of <see cref="ResNet.Blocks152"/> (He et al., table 1).
/// It exists to time the DSL on a graph three times ResNet-50's size.
/// </summary>
public static class ResNet152
{
    /// <summary>Builds the network at 224x224x3 with 1000 classes.</summary>
    /// <exception cref="NetBuildException">Never for this input; the DSL checks it anyway.</exception>
    // FN0002: Keras's ResNet stem floors on purpose (230 -> 112 at the 7x7/2 convolution, 112 -> 55 at the pool).
#pragma warning disable FN0002
    public static Network Build() =>
        Net.Input(224, 224, 3)
            .ZeroPad(3, name: "conv1_pad")
            .Conv(64, 7, s: 2, name: "conv1_conv")
            .BatchNorm(name: "conv1_bn")
            .Relu(name: "conv1_relu")
            .MaxPool(3, s: 2, name: "pool1_pool")
            .Then(x => ResNet.Stages(x, ResNet.Blocks152, ResNet.BottleneckUnit, projectionBias: true))
            .AvgPool(7, name: "avg_pool")
            .Flatten(name: "flatten")
            .Dense(1000, activation: Activation.Softmax, name: "predictions")
            .ToNetwork("resnet152");
#pragma warning restore FN0002
}
