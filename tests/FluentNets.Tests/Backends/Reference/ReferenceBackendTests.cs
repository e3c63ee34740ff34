using FluentNets.Backends;
using FluentNets.Backends.Reference;
using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Tests.Backends.Reference;

public class ReferenceBackendTests
{
    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void AddReferenceBackendRegistersTheBackendUnderItsName(Precision precision)
    {
        using var services = new ServiceCollection().AddReferenceBackend(o => o.Precision = precision).BuildServiceProvider();
        var provider = services.GetRequiredService<IBackendProvider>();

        var backend = Assert.IsType<ReferenceBackend>(provider.Get("Reference"));

        Assert.Equal(["reference"], provider.Names);
        Assert.Equal(("reference", "cpu", precision), (backend.Name, backend.Device, backend.Precision));
        Assert.Same(backend, services.GetRequiredKeyedService<IBackend>("reference"));
    }

    [Fact]
    public void AnUndefinedPrecisionIsRejectedAtRegistrationWithTheAcceptedValues()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddReferenceBackend(o => o.Precision = (Precision)7));

        Assert.Equal("Precision must be one of Float32, Float64. Received: Precision=7. (Parameter 'Precision')", error.Message);
    }

    [Fact]
    public void ACompiledNetworkNamesItsBackendAndAllocatesTheParameterLayout()
    {
        var network = Net.Input(8, 8, 3)
            .Conv(4, 3, name: "conv").BatchNorm(name: "bn").SeparableConv(6, 3, depthMultiplier: 2, name: "sep")
            .DepthwiseConv(1, depthMultiplier: 3, bias: false, name: "dw").GlobalAvgPool().Dense(2, name: "fc")
            .ToNetwork();

        using var net = new ReferenceBackend().Compile(network, seed: 1);

        Assert.Equal(("reference", "cpu", network), (net.Backend, net.Device, net.Network));
        Assert.Equal(
            ParameterLayout.Of(network).Select(p => (p.Name, p.ShapeText, p.Trainable)),
            net.Parameters.Select(p => (p.Name, p.ShapeText, p.Trainable)));
        Assert.Equal(
            net.Parameters.Select(p => (p.Name, p.ShapeText)),
            net.GetState().Select(kv => (kv.Key, kv.Value.ShapeText)));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void InitialisationIsKerassAndFollowsTheSeed(Precision precision)
    {
        var network = Net.Input(6, 6, 4)
            .Conv(32, 3, groups: 2, name: "conv").BatchNorm(name: "bn").DepthwiseConv(3, depthMultiplier: 8, name: "dw")
            .Flatten().Dense(50, name: "fc").ToNetwork();

        var state = network.Compile(precision, seed: 3).GetState();

        Assert.Equal(state.Values.Select(t => t.Data), network.Compile(precision, seed: 3).GetState().Values.Select(t => t.Data));
        Assert.NotEqual(state["conv.weight"].Data, network.Compile(precision, seed: 4).GetState()["conv.weight"].Data);
        Assert.All(new[] { "conv.bias", "bn.bias", "bn.running_mean", "dw.bias", "fc.bias" }, n => Assert.All(state[n].Data, v => Assert.Equal(0f, v)));
        Assert.All(new[] { "bn.weight", "bn.running_var" }, n => Assert.All(state[n].Data, v => Assert.Equal(1f, v)));

        // Glorot uniform, limit sqrt(6 / (fan_in + fan_out)) with Keras's fans:
        // conv (3, 3, 4/2, 32): 18 + 288; depthwise (3, 3, 32, 8): 288 + 72; dense (2 * 2 * 256, 50).
        AssertUniform(state["conv.weight"].Data, Math.Sqrt(6.0 / (18 + 288)));
        AssertUniform(state["dw.weight"].Data, Math.Sqrt(6.0 / (288 + 72)));
        AssertUniform(state["fc.weight"].Data, Math.Sqrt(6.0 / (1024 + 50)));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void StateRoundTripsAndCarriesOutputsBetweenNetworks(Precision precision)
    {
        var network = Net.Input(5, 5, 2).Conv(3, 3, name: "conv").BatchNorm(name: "bn").Flatten().Dense(2, name: "fc").ToNetwork();
        var source = network.Compile(precision, seed: 1);
        var target = network.Compile(precision, seed: 2);
        var input = source.Batch(ReferenceHarness.Random(50, seed: 10));
        source.Forward(input, training: true);

        target.SetState(source.GetState());

        Assert.Equal(source.GetState().Select(kv => (kv.Key, kv.Value.Data)), target.GetState().Select(kv => (kv.Key, kv.Value.Data)));
        // GetState rounds float64 weights to float32, so the copy agrees to float32 rounding.
        ReferenceHarness.Close(source.Forward(input)["fc"].Data, target.Forward(input)["fc"].Data, 1e-6);
    }

    public static TheoryData<string, string> BadStates => new()
    {
        { "missing", "fc.bias: missing from the weights; the network has [2]." },
        { "shape", "fc.weight: the weights have [3, 4] but the network has [2, 4]." },
        { "extra", "fc.scale: in the weights ([2]) but not in the network." },
    };

    [Theory]
    [MemberData(nameof(BadStates))]
    public void AStateThatDoesNotFitIsRejectedAndNothingChanges(string fault, string message)
    {
        var net = Net.Input(4).Dense(2, name: "fc").Compile(Precision.Float32);
        var before = net.GetState();
        var state = before.ToDictionary(kv => kv.Key, kv => new HostTensor([.. kv.Value.Shape], [.. kv.Value.Data.Select(v => v + 1)]));
        switch (fault)
        {
            case "missing":
                state.Remove("fc.bias");
                break;
            case "shape":
                state["fc.weight"] = HostTensor.Zeros(3, 4);
                break;
            default:
                state["fc.scale"] = HostTensor.Zeros(2);
                break;
        }

        var error = Assert.Throws<WeightsException>(() => net.SetState(state));

        Assert.Equal(message, error.Message);
        Assert.Equal(before.Select(kv => (kv.Key, kv.Value.Data)), net.GetState().Select(kv => (kv.Key, kv.Value.Data)));
    }

    [Theory]
    [InlineData(new[] { 2, 32, 32, 3 }, "input_1: expected a batch of 32x32x3 as [N, 3, 32, 32] with N >= 1. Received: [2, 32, 32, 3]. (Parameter 'input')")]
    [InlineData(new[] { 3, 32, 32 }, "input_1: expected a batch of 32x32x3 as [N, 3, 32, 32] with N >= 1. Received: [3, 32, 32]. (Parameter 'input')")]
    [InlineData(new[] { 0, 3, 32, 32 }, "input_1: expected a batch of 32x32x3 as [N, 3, 32, 32] with N >= 1. Received: [0, 3, 32, 32]. (Parameter 'input')")]
    public void AnInputOfTheWrongShapeIsRejectedWithTheExpectedLayout(int[] shape, string message)
    {
        var net = Net.Input(32, 32, 3).GlobalAvgPool().Compile(Precision.Float32);

        var error = Assert.Throws<ArgumentException>(() => net.Forward(new HostTensor(shape, new float[shape.Aggregate(1, (a, b) => a * b)])));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AVectorInputIsExpectedAsBatchByFeatures()
    {
        var net = Net.Input(10).Dense(1).Compile(Precision.Float32);

        var error = Assert.Throws<ArgumentException>(() => net.Forward(HostTensor.Zeros(1, 10, 1, 1)));

        Assert.Equal("input_1: expected a batch of 10 as [N, 10] with N >= 1. Received: [1, 10, 1, 1]. (Parameter 'input')", error.Message);
    }

    [Fact]
    public void TrainingBatchNormOnOneValuePerChannelIsRejectedBeforeAnythingRuns()
    {
        var net = Net.Input(1, 1, 2).BatchNorm(name: "bn").Compile(Precision.Float64);

        var error = Assert.Throws<ArgumentException>(() => net.Forward(HostTensor.Zeros(1, 2, 1, 1), training: true));

        Assert.Equal(
            "bn: batch normalisation in training needs more than one value per channel, as PyTorch does. Received: input [1, 2, 1, 1] gives 1. (Parameter 'input')",
            error.Message);
        Assert.Equal([0f, 0f], net.GetState()["bn.running_mean"].Data);
    }

    [Fact]
    public void ADisposedNetworkRefusesToRun()
    {
        var net = Net.Input(2).Dense(1).Compile(Precision.Float32);

        net.Dispose();

        Assert.Throws<ObjectDisposedException>(() => net.Forward(HostTensor.Zeros(1, 2)));
    }

    private static void AssertUniform(float[] values, double limit)
    {
        Assert.All(values, v => Assert.InRange(Math.Abs(v), 0, limit));
        Assert.InRange(values.Max(v => Math.Abs(v)), 0.95 * limit, limit);
        Assert.InRange(values.Average(), -0.1 * limit, 0.1 * limit);
    }
}
