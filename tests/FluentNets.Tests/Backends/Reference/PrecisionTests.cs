using FluentNets.Backends;
using FluentNets.Backends.Reference;

namespace FluentNets.Tests.Backends.Reference;

public class PrecisionTests
{
    [Fact]
    public void Float32AgreesWithFloat64OnASmallNetworkOfEveryLayerKind()
    {
        var x = Net.Input(9, 9, 3);
        var trunk = x.Conv(6, 3, pad: Padding.Same, activation: Activation.Relu)
            .BatchNorm()
            .Lrn(size: 3)
            .Branches(
                b => b.SeparableConv(4, 3, pad: Padding.Same, depthMultiplier: 2, activation: Activation.Silu),
                b => b.DepthwiseConv(3, s: 1, pad: Padding.Same, activation: Activation.Tanh).Conv(4, 1, groups: 2),
                b => b.MaxPool(3, s: 1, pad: Padding.Same))
            .SqueezeExcite(ratio: 2)
            .ZeroPad(1)
            .AvgPool(3, s: 2, pad: Padding.Same)
            .Conv(5, 2, dilation: 2, activation: Activation.LeakyRelu);
        var merged = Net.Add(trunk, trunk.LeakyRelu(0.1)).Sigmoid();
        var network = Net.Concat(merged.Flatten().Dropout(0.3).Dense(7), merged.GlobalMaxPool())
            .Dense(4, activation: Activation.Softmax)
            .ToNetwork();
        var single = network.Compile(Precision.Float32);
        var wide = network.Compile(Precision.Float64);
        var state = single.Parameters.ToDictionary(
            p => p.Name,
            p => new HostTensor([.. p.Shape], ReferenceHarness.Random((int)p.Elements, p.Name.Length, p.Name.EndsWith("running_var", StringComparison.Ordinal) ? 0.5f : -1, 1.5f)));
        single.SetState(state);
        wide.SetState(state);
        var input = single.Batch(ReferenceHarness.Random(2 * 9 * 9 * 3, seed: 9), batch: 2);

        ReferenceHarness.Close(wide.Forward(input)[network.Output.Name].Data, single.Forward(input)[network.Output.Name].Data, 1e-5);
        ReferenceHarness.Close(wide.Forward(input, training: true)[network.Output.Name].Data, single.Forward(input, training: true)[network.Output.Name].Data, 1e-5);
    }
}
