namespace FluentNets.Backends.Tests.TorchSharp;

public class BatchNormModuleTests
{
    [Theory]
    [InlineData(true, true, "bn.weight [2]", "bn.bias [2]", "bn.running_mean [2]", "bn.running_var [2]")]
    [InlineData(false, true, "bn.bias [2]", "bn.running_mean [2]", "bn.running_var [2]")]
    [InlineData(true, false, "bn.weight [2]", "bn.running_mean [2]", "bn.running_var [2]")]
    [InlineData(false, false, "bn.running_mean [2]", "bn.running_var [2]")]
    public void TheStateIsGammaWhenScaledBetaWhenCentredAndTheMovingStatistics(bool scale, bool center, params string[] state)
    {
        var network = Net.Input(3, 3, 2).BatchNorm(scale: scale, center: center, name: "bn").ToNetwork();
        using var compiled = Cpu.Compile(network);

        Assert.Equal(state, compiled.Parameters.Select(p => $"{p.Name} {p.ShapeText}"));
        Assert.Equal(state.Select(s => !s.Contains("running", StringComparison.Ordinal)), compiled.Parameters.Select(p => p.Trainable));
        Assert.Equal(state.Select(s => s.Split(' ')[0]), compiled.Module.named_parameters().Select(p => p.name).Concat(compiled.Module.named_buffers().Select(b => b.name)));
    }

    [Fact]
    public void InferenceUsesTheMovingStatisticsAndKerasEpsilonAndNoGammaWhenNotScaled()
    {
        var network = Net.Input(2, 3, 2).BatchNorm(momentum: 0.9, epsilon: 0.5, scale: false, name: "bn").ToNetwork();
        using var compiled = Cpu.Compile(network);
        float[] mean = [1, 2], variance = [3, 4], beta = [0.5f, -0.5f];
        compiled.SetState(new Dictionary<string, HostTensor>
        {
            ["bn.bias"] = new([2], beta),
            ["bn.running_mean"] = new([2], mean),
            ["bn.running_var"] = new([2], variance),
        });
        var x = Cpu.Random([2, 2, 2, 3]);

        var actual = compiled.Infer(x);

        var expected = x.Data.Select((v, i) =>
        {
            int c = i / 6 % 2;
            return (float)((v - mean[c]) / Math.Sqrt(variance[c] + 0.5) + beta[c]);
        }).ToArray();
        Reference.Close(new HostTensor([2, 2, 2, 3], expected), actual);
    }

    [Fact]
    public void TrainingNormalisesByTheBatchAndMovesTheStatisticsByOneMinusKerasMomentum()
    {
        var network = Net.Input(2, 2, 1).BatchNorm(momentum: 0.9, epsilon: 0.25, name: "bn").ToNetwork();
        using var compiled = Cpu.Compile(network);
        var x = new HostTensor([2, 1, 2, 2], [1, 2, 3, 4, 5, 6, 7, 10]);
        double batchMean = x.Data.Average(v => (double)v);
        double sumOfSquares = x.Data.Sum(v => (v - batchMean) * (v - batchMean));

        var actual = compiled.Forward(x, training: true)["bn"];
        var state = compiled.GetState();

        var expected = x.Data.Select(v => (float)((v - batchMean) / Math.Sqrt(sumOfSquares / 8 + 0.25))).ToArray();
        Reference.Close(new HostTensor([2, 1, 2, 2], expected), actual);
        Assert.Equal(0.9 * 0 + 0.1 * batchMean, state["bn.running_mean"].Data[0], 1e-5);

        // PyTorch feeds the moving variance the unbiased batch variance (n - 1 = 7).
        Assert.Equal(0.9 * 1 + 0.1 * sumOfSquares / 7, state["bn.running_var"].Data[0], 1e-5);
    }

    [Fact]
    public void InferenceLeavesTheMovingStatisticsAlone()
    {
        var network = Net.Input(2, 2, 1).BatchNorm(name: "bn").ToNetwork();
        using var compiled = Cpu.Compile(network);

        compiled.Infer(Cpu.Ramp([2, 1, 2, 2]));

        Assert.Equal([0f], compiled.GetState()["bn.running_mean"].Data);
        Assert.Equal([1f], compiled.GetState()["bn.running_var"].Data);
    }
}
