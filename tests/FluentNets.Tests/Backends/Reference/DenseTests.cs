using FluentNets.Backends.Reference;

namespace FluentNets.Tests.Backends.Reference;

public class DenseTests
{
    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void DenseIsXTimesTheTransposedOutByInKernelPlusBias(Precision precision)
    {
        var net = Net.Input(2).Dense(3, name: "fc").Compile(precision)
            .With(("fc.weight", [1, 2, 3, 4, 5, 6]), ("fc.bias", [0.5f, -1, 0]));

        Assert.Equal([1 + 4 + 0.5f, 3 + 8 - 1, 5 + 12, -1 - 2 + 0.5f, -3 - 4 - 1, -5 - 6], net.Run([1, 2, -1, -1], batch: 2));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void AFusedLeakyReluUsesKerassSlope(Precision precision)
    {
        var net = Net.Input(1).Dense(2, bias: false, activation: Activation.LeakyRelu, name: "fc").Compile(precision)
            .With(("fc.weight", [1, -1]));

        ReferenceHarness.Close([-0.4f, 2], net.Run([-2]));
    }
}
