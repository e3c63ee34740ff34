namespace FluentNets.Backends.Tests.TorchSharp;

public class KerasInitializersTests
{
    private static readonly FluentNets.Graph.Network Layers = Net.Input(12, 12, 4)
        .Conv(6, (3, 5), groups: 2, name: "conv")
        .DepthwiseConv(3, depthMultiplier: 2, name: "depthwise")
        .SeparableConv(5, 3, depthMultiplier: 3, name: "separable")
        .BatchNorm(name: "bn")
        .Flatten()
        .Dense(7, name: "dense")
        .ToNetwork("layers");

    public static TheoryData<string, double> Limits => new()
    {
        // Glorot uniform: sqrt(6 / (fan_in + fan_out)) with Keras's fans.
        { "conv.weight", Math.Sqrt(6.0 / (4 / 2 * 15 + 6 * 15)) },
        { "depthwise.weight", Math.Sqrt(6.0 / (6 * 9 + 2 * 9)) },
        { "separable.depthwise.weight", Math.Sqrt(6.0 / (12 * 9 + 3 * 9)) },
        { "separable.pointwise.weight", Math.Sqrt(6.0 / (36 + 5)) },
        { "dense.weight", Math.Sqrt(6.0 / (6 * 4 * 5 + 7)) },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void KernelsAreGlorotUniformWithKerasFans(string name, double limit)
    {
        var everyKernel = Enumerable.Range(0, 20).SelectMany(seed =>
        {
            using var other = Cpu.Compile(Layers, seed);
            return other.GetState()[name].Data;
        }).ToArray();

        Assert.All(everyKernel, v => Assert.InRange(Math.Abs(v), 0, limit));
        Assert.InRange(everyKernel.Max(Math.Abs), 0.9 * limit, limit);
        Assert.InRange(everyKernel.Average(v => v * v), limit * limit / 3 * 0.85, limit * limit / 3 * 1.15);
    }

    [Fact]
    public void BiasesAreZeroAndBatchnormStartsAsTheIdentity()
    {
        using var compiled = Cpu.Compile(Layers);
        var state = compiled.GetState();

        Assert.All(new[] { "conv.bias", "depthwise.bias", "separable.bias", "dense.bias", "bn.bias", "bn.running_mean" },
            n => Assert.All(state[n].Data, v => Assert.Equal(0f, v)));
        Assert.All(new[] { "bn.weight", "bn.running_var" }, n => Assert.All(state[n].Data, v => Assert.Equal(1f, v)));
    }

    [Fact]
    public void ASeedGivesTheSameWeightsAndAnotherSeedOthers()
    {
        using var a = Cpu.Compile(Layers, seed: 11);
        using var b = Cpu.Compile(Layers, seed: 11);
        using var c = Cpu.Compile(Layers, seed: 12);

        Assert.Equal(a.GetState()["dense.weight"].Data, b.GetState()["dense.weight"].Data);
        Assert.NotEqual(a.GetState()["dense.weight"].Data, c.GetState()["dense.weight"].Data);
    }
}
