using FluentNets.Graph;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.Tests.TorchSharp.Inference;

/// <summary>
/// A BatchNorm folded into the layer before it, against that layer computed by libtorch's own
/// functions followed by the BatchNorm's formula gamma (y - mean) / sqrt(variance + epsilon) + beta in
/// float64; and the pairs that must not fold.
/// </summary>
public class BatchNormFoldTests
{
    public static TheoryData<string> FoldedKinds => new("conv", "grouped conv", "unbiased conv", "depthwise", "separable", "dense on an image");

    [Theory]
    [MemberData(nameof(FoldedKinds))]
    public void KerasBatchNormFoldsIntoTheLayerBeforeIt(string kind)
    {
        var network = Layer(Net.Input(7, 6, 4), kind).BatchNorm(epsilon: 1.001e-5, name: "bn").ToNetwork();
        AssertFoldGivesTheFormula(network, kind, 1.001e-5);
    }

    [Theory]
    [MemberData(nameof(FoldedKinds))]
    public void TorchBatchNormFoldsIntoTheLayerBeforeIt(string kind)
    {
        var network = Layer(Net.Input(7, 6, 4), kind).TorchBatchNorm(name: "bn").ToNetwork();
        AssertFoldGivesTheFormula(network, kind, 1e-5);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void ABatchNormWithoutBetaOrGammaFolds(bool center, bool scale)
    {
        var network = Net.Input(5, 5, 3).Conv(6, 3, name: "layer").BatchNorm(center: center, scale: scale, epsilon: 0.01, name: "bn").ToNetwork();
        AssertFoldGivesTheFormula(network, "conv", 0.01);
    }

    public static TheoryData<string, Network> Unfolded => new(
        ("a fused activation between them", Net.Input(5, 5, 3).Conv(6, 3, activation: Activation.Relu, name: "layer").BatchNorm(name: "bn").ToNetwork()),
        ("the layer's output read twice", Branched()),
        ("a pool before the BatchNorm", Net.Input(6, 6, 3).MaxPool(2, name: "layer").BatchNorm(name: "bn").ToNetwork()),
        ("an activation layer between them", Net.Input(5, 5, 3).Conv(6, 3, name: "layer").Relu().BatchNorm(name: "bn").ToNetwork()));

    [Theory]
    [MemberData(nameof(Unfolded))]
    public void APairThatIsNotExactStaysTwoLayers(string why, Network network)
    {
        using var compiled = Cpu.Backend.CompileForInference(network, seed: 3);
        compiled.SetState(Cpu.RandomState(compiled.Parameters, 5));

        Assert.True(compiled.FoldedLayers.Count == 0, why);
        Assert.Contains("bn", compiled.ForwardLayers(Cpu.Random([2, 3, network.Input.Shape.Height, network.Input.Shape.Width])).Keys);
    }

    [Fact]
    public void AZeroGammaLeavesThePairUnfoldedAndTheChannelAtBeta()
    {
        var network = Net.Input(5, 5, 2).Conv(3, 3, name: "layer").BatchNorm(name: "bn").ToNetwork();
        using var compiled = Cpu.Backend.CompileForInference(network, seed: 3);
        var state = Cpu.RandomState(compiled.Parameters, 5);
        state["bn.weight"] = new HostTensor([3], [1f, 0f, 0.5f]);
        state["bn.bias"] = new HostTensor([3], [0.1f, 0.25f, -0.3f]);
        compiled.SetState(state);

        var output = compiled.Infer(Cpu.Random([2, 2, 5, 5]));

        Assert.Empty(compiled.FoldedLayers);
        Assert.All(Enumerable.Range(0, 9), i => Assert.Equal(0.25f, output.At(1, 1, i / 3, i % 3)));
        Reference.Close(Expected(compiled, state, Cpu.Random([2, 2, 5, 5]), "conv", 1e-3), output, 1e-5);
    }

    [Fact]
    public void TheStateGivenBackIsTheStateSetBiasesExactlyKernelsWithinOneUnitInTheLastPlace()
    {
        var network = Net.Input(6, 6, 3).Conv(8, 3, name: "a").BatchNorm(name: "a_bn")
            .SeparableConv(5, 3, bias: false, name: "b").BatchNorm(scale: false, name: "b_bn").ToNetwork();
        using var compiled = Cpu.Backend.CompileForInference(network, seed: 3);
        var state = Cpu.RandomState(compiled.Parameters, 11);
        compiled.SetState(state);

        var back = compiled.GetState();

        Assert.Equal(2, compiled.FoldedLayers.Count);
        Assert.Equal(state.Keys.Order(), back.Keys.Order());
        Assert.Equal(state["a.bias"].Data, back["a.bias"].Data);
        foreach (string name in new[] { "a.weight", "b.pointwise.weight", "b.depthwise.weight", "a_bn.running_var" })
        {
            for (int i = 0; i < state[name].Data.Length; i++)
            {
                float set = state[name].Data[i], given = back[name].Data[i];
                Assert.True(set == given || MathF.BitIncrement(set) == given || MathF.BitDecrement(set) == given, $"{name}[{i}]: set {set:R}, given back {given:R}");
            }
        }
    }

    private static Network Branched()
    {
        var layer = Net.Input(5, 5, 3).Conv(6, 3, pad: Padding.Same, name: "layer");
        return Net.Add(layer.BatchNorm(name: "bn"), layer).ToNetwork();
    }

    private static Net<Image> Layer(Net<Image> x, string kind) => kind switch
    {
        "conv" => x.Conv(6, 3, s: 2, pad: Padding.Same, name: "layer"),
        "grouped conv" => x.Conv(6, (3, 2), groups: 2, name: "layer"),
        "unbiased conv" => x.Conv(5, 3, bias: false, name: "layer"),
        "depthwise" => x.DepthwiseConv(3, depthMultiplier: 2, pad: Padding.Same, name: "layer"),
        "separable" => x.SeparableConv(7, 3, depthMultiplier: 2, name: "layer"),
        _ => x.Dense(5, name: "layer"),
    };

    private static void AssertFoldGivesTheFormula(Network network, string kind, double epsilon)
    {
        using var compiled = Cpu.Backend.CompileForInference(network, seed: 3);
        var state = Cpu.RandomState(compiled.Parameters, 5);
        compiled.SetState(state);
        var shape = network.Input.Shape;
        var input = Cpu.Random([3, shape.Channels, shape.Height, shape.Width]);

        var output = compiled.Infer(input);

        Assert.Equal(new Dictionary<string, string> { ["layer"] = "bn" }, compiled.FoldedLayers);
        Reference.Close(Expected(compiled, state, input, kind, epsilon), output, 1e-5);
    }

    // The layer by libtorch's functions on the state as set, then the BatchNorm's formula in float64.
    private static HostTensor Expected(ICompiledNetwork compiled, IReadOnlyDictionary<string, HostTensor> state, HostTensor input, string kind, double epsilon)
    {
        using var scope = NewDisposeScope();
        var x = Reference.Torch(input);
        Tensor? Bias() => state.TryGetValue("layer.bias", out var b) ? Reference.Torch(b) : null;
        var window = compiled.Network.Layer("layer").Window;
        long[] Stride() => [window!.Stride.H, window.Stride.W];
        Tensor Padded(Tensor t) => F.pad(t, [window!.PadLeft, window.PadRight, window.PadTop, window.PadBottom]);
        var y = kind switch
        {
            "conv" or "unbiased conv" => F.conv2d(Padded(x), Reference.Torch(state["layer.weight"]), Bias(), Stride()),
            "grouped conv" => F.conv2d(Padded(x), Reference.Torch(state["layer.weight"]), Bias(), Stride(), groups: 2),
            "depthwise" => F.conv2d(Padded(x), Reference.Torch(state["layer.weight"]), Bias(), Stride(), groups: x.shape[1]),
            "separable" => F.conv2d(F.conv2d(Padded(x), Reference.Torch(state["layer.depthwise.weight"]), null, Stride(), groups: x.shape[1]), Reference.Torch(state["layer.pointwise.weight"]), Bias()),
            _ => F.linear(x.permute(0, 2, 3, 1), Reference.Torch(state["layer.weight"]), Bias()).permute(0, 3, 1, 2),
        };
        var linear = Reference.Host(y);
        int n = linear.Shape[0], c = linear.Shape[1], plane = linear.Shape[2] * linear.Shape[3];
        var result = new float[linear.Data.Length];
        for (int i = 0; i < result.Length; i++)
        {
            int channel = i / plane % c;
            double gamma = state.TryGetValue("bn.weight", out var g) ? g.Data[channel] : 1;
            double beta = state.TryGetValue("bn.bias", out var b) ? b.Data[channel] : 0;
            double mean = state["bn.running_mean"].Data[channel], variance = state["bn.running_var"].Data[channel];
            result[i] = (float)((gamma * (linear.Data[i] - mean) / Math.Sqrt(variance + epsilon)) + beta);
        }

        return new HostTensor([n, c, linear.Shape[2], linear.Shape[3]], result);
    }
}
