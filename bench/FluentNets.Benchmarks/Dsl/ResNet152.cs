using FluentNets.Graph;

namespace FluentNets.Benchmarks.Dsl;

/// <summary>
/// A 152-layer ResNet written with the DSL in the style of <c>src/Dsl/Zoo/ResNet.cs</c>: seed 000's
/// biased stem and head around bottleneck stages [3, 8, 36, 3] (He et al., table 1). The zoo keeps
/// its stage builder private, so the benchmark spells the network out; it exists to time the DSL
/// on a graph three times ResNet-50's size.
/// </summary>
public static class ResNet152
{
    /// <summary>Bottleneck units per stage: 50 units, 3 x 50 + 2 = 152 weighted layers.</summary>
    public static readonly int[] Blocks = [3, 8, 36, 3];

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
            .Then(Stages)
            .AvgPool(7, name: "avg_pool")
            .Flatten(name: "flatten")
            .Dense(1000, activation: Activation.Softmax, name: "predictions")
            .ToNetwork("resnet152");
#pragma warning restore FN0002

    private static Net<Image> Stages(Net<Image> x)
    {
        for (int stage = 0; stage < Blocks.Length; stage++)
        {
            int filters = 64 << stage, first = stage == 0 ? 1 : 2, number = stage + 2;
            x = x.Repeat(Blocks[stage], (y, block) => y.Residual(
                b => Bottleneck(b, filters, block == 0 ? first : 1),
                activation: Activation.Relu,
                name: $"conv{number}_block{block + 1}"));
        }

        return x;
    }

    private static Net<Image> Bottleneck(Net<Image> x, int filters, int stride) =>
        x.Conv(filters, 1, s: stride, name: "1_conv").BatchNorm(name: "1_bn").Relu(name: "1_relu")
            .Conv(filters, 3, pad: Padding.Same, name: "2_conv").BatchNorm(name: "2_bn").Relu(name: "2_relu")
            .Conv(4 * filters, 1, name: "3_conv").BatchNorm(name: "3_bn");
}
