namespace FluentNets.Backends.Tests.TorchSharp;

public class ActivationsTests
{
    private static readonly float[] Inputs = [-2, -0.5f, 0, 0.5f, 2];

    public static TheoryData<Activation, float[]> Expected => new()
    {
        { Activation.Relu, [0, 0, 0, 0.5f, 2] },
        { Activation.Sigmoid, Inputs.Select(v => 1 / (1 + MathF.Exp(-v))).ToArray() },
        { Activation.Tanh, Inputs.Select(MathF.Tanh).ToArray() },
        { Activation.Silu, Inputs.Select(v => v / (1 + MathF.Exp(-v))).ToArray() },
        { Activation.LeakyRelu, [-0.6f, -0.15f, 0, 0.5f, 2] },
        { Activation.Softmax, Inputs.Select(v => MathF.Exp(v) / Inputs.Sum(MathF.Exp)).ToArray() },
    };

    /// <summary>As <see cref="Expected"/>, but a fused LeakyReLU has Keras's leaky_relu slope, 0.2.</summary>
    public static TheoryData<Activation, float[]> ExpectedFused => new()
    {
        { Activation.Relu, [0, 0, 0, 0.5f, 2] },
        { Activation.LeakyRelu, [-0.4f, -0.1f, 0, 0.5f, 2] },
        { Activation.Softmax, Inputs.Select(v => MathF.Exp(v) / Inputs.Sum(MathF.Exp)).ToArray() },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void ActivationLayersComputeTheirFunction(Activation function, float[] expected)
    {
        var network = Net.Input(5).Activate(function).ToNetwork();
        using var compiled = Cpu.Compile(network);

        Reference.Close(new HostTensor([1, 5], expected), compiled.Infer(new HostTensor([1, 5], Inputs)), 1e-6);
    }

    [Theory]
    [MemberData(nameof(ExpectedFused))]
    public void FusedActivationsFollowTheDenseBias(Activation function, float[] expected)
    {
        var network = Net.Input(5).Dense(5, bias: false, activation: function, name: "dense").ToNetwork();
        using var compiled = Cpu.Compile(network);
        var identity = new float[25];
        for (int i = 0; i < 5; i++)
        {
            identity[i * 6] = 1;
        }

        compiled.SetState(new Dictionary<string, HostTensor> { ["dense.weight"] = new([5, 5], identity) });

        Reference.Close(new HostTensor([1, 5], expected), compiled.Infer(new HostTensor([1, 5], Inputs)), 1e-6);
    }

    [Fact]
    public void LeakyReluUsesTheLayerAlpha()
    {
        var network = Net.Input(5).LeakyRelu(alpha: 0.1).ToNetwork();
        using var compiled = Cpu.Compile(network);

        Reference.Close(new HostTensor([1, 5], [-0.2f, -0.05f, 0, 0.5f, 2]), compiled.Infer(new HostTensor([1, 5], Inputs)), 1e-6);
    }

    [Fact]
    public void SoftmaxOnAnImageIsOverChannelsAtEachPosition()
    {
        var network = Net.Input(2, 3, 4).Softmax().ToNetwork();
        using var compiled = Cpu.Compile(network);
        var x = Cpu.Random([2, 4, 2, 3]);

        var y = compiled.Infer(x);

        for (int n = 0; n < 2; n++)
        {
            for (int h = 0; h < 2; h++)
            {
                for (int w = 0; w < 3; w++)
                {
                    double sum = Enumerable.Range(0, 4).Sum(c => Math.Exp(x.At(n, c, h, w)));
                    for (int c = 0; c < 4; c++)
                    {
                        Assert.Equal(Math.Exp(x.At(n, c, h, w)) / sum, y.At(n, c, h, w), 1e-6);
                    }
                }
            }
        }
    }

    /// <summary>
    /// ReLU capped at a value other than 6, alone and with Keras's slope and threshold; the expected values are
    /// PyTorch's <c>F.hardtanh(x, 0.0, 1.0)</c> and Keras 3's <c>ReLU.static_call</c> written in PyTorch.
    /// TorchSharp's out-of-place <c>Tensor.hardtanh</c> returns its input unchanged (its P/Invoke declares
    /// libtorch's result void), so a cap applied through it was no cap at all, and a fused one disposed its output.
    /// </summary>
    public static TheoryData<Activation, float[]> Capped => new()
    {
        { Activation.Relu with { MaxValue = 1 }, [0, 0, 0, 0.5f, 1] },
        { Activation.Relu with { MaxValue = 1, NegativeSlope = 0.1, Threshold = 0.5 }, [-0.25f, -0.1f, -0.05f, 0, 1] },
    };

    [Theory]
    [MemberData(nameof(Capped))]
    public void CappedReluClipsAtItsCapAsALayerAndFused(Activation function, float[] expected)
    {
        var layer = Net.Input(5).Activate(function).ToNetwork();
        var fused = Net.Input(5).Dense(5, bias: false, activation: function, name: "dense").ToNetwork();
        using var compiledLayer = Cpu.Compile(layer);
        using var compiledFused = Cpu.Compile(fused);
        var identity = new float[25];
        for (int i = 0; i < 5; i++)
        {
            identity[i * 6] = 1;
        }

        compiledFused.SetState(new Dictionary<string, HostTensor> { ["dense.weight"] = new([5, 5], identity) });

        Reference.Close(new HostTensor([1, 5], expected), compiledLayer.Infer(new HostTensor([1, 5], Inputs)), 1e-6);
        Reference.Close(new HostTensor([1, 5], expected), compiledFused.Infer(new HostTensor([1, 5], Inputs)), 1e-6);
    }
}
