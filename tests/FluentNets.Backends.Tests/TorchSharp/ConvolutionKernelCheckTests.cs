using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using TorchSharp;

namespace FluentNets.Backends.Tests.TorchSharp;

/// <summary>
/// The TorchSharp backend's values under default settings against the reference backend in
/// float64, on the convolutions where libtorch 2.10's AVX-512 oneDNN kernels were found wrong
/// (GoogLeNet's 14x14 Inception modules with a 24-filter 5x5 reduction). The whole GoogLeNet is
/// compared layer by layer in the CLI's verify tests.
/// </summary>
[Collection(nameof(ConvolutionKernelCheckTests))]
public class ConvolutionKernelCheckTests
{
    [Fact]
    public void AnInceptionBlockAt14x14x512WithA24Filter5x5ReduceAgreesWithFloat64()
    {
        var network = Net.Input(14, 14, 512).Inception(160, (112, 224), (24, 64), 64, name: "inception_4b").ToNetwork("block");
        using var compiled = Cpu.Compile(network);

        var comparison = ReferenceComparison.Compare(compiled, Cpu.Random(HostTensor.BatchShape(network.Input.Shape, 4)), tolerance: 1e-4);

        Assert.True(comparison.Passes, Describe(comparison));
        Assert.Contains("inception_4b/5x5", comparison.Layers.Select(l => l.Layer));
    }

    [Fact]
    public void ASqueezeExciteOf1920ChannelsAgreesWithFloat64()
    {
        // EfficientNet-B1's block7b: the pooled vector reshaped to 1x1x1920, then a 1x1 convolution to 80.
        // A permute gives the 1x1 image strides that read as channels-last, and oneDNN's channels-last
        // 1x1 convolution of this shape is off by about 0.5 of its range at batch 2 on this CPU.
        var network = Net.Input(3, 3, 1920).GlobalAvgPool(name: "squeeze").Reshape(1, 1, 1920, name: "reshape")
            .Conv(80, 1, activation: Activation.Silu, name: "reduce").ToNetwork("se");
        using var compiled = Cpu.Compile(network);

        var comparison = ReferenceComparison.Compare(compiled, Cpu.Random(HostTensor.BatchShape(network.Input.Shape, 2)), tolerance: 1e-4);

        Assert.True(comparison.Passes, Describe(comparison));
    }

    [Fact]
    public void AnImageOf1x1RowsAndColumnsFromAPermuteIsCopiedToRowMajorStrides()
    {
        using var flat = torch.rand(2, 6);
        using var view = flat.view(2, 1, 1, 6).permute(0, 3, 1, 2);

        using var standard = StandardLayout.Of(view);

        Assert.True(view.is_contiguous());
        Assert.Equal([6L, 1, 6, 6], view.stride());
        Assert.False(StandardLayout.Holds(view));
        Assert.Equal([6L, 1, 1, 1], standard.stride());
        Assert.Equal(flat.data<float>().ToArray(), standard.data<float>().ToArray());
    }

    [Fact]
    public void ARightConfigurationIsCheckedOnceAndKeepsOneDnn()
    {
        var configuration = new ConvolutionConfiguration(16, 6, 6, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1);

        var first = ConvolutionKernelCheck.Check([configuration, configuration with { }]);
        var again = ConvolutionKernelCheck.Check([configuration]);

        var verdict = Assert.Single(first);
        Assert.True(verdict.OneDnnRight);
        Assert.InRange(verdict.RelativeError, 0, 1e-5);
        Assert.Same(verdict, Assert.Single(again));
        Assert.Equal("3x3/1 conv 16->8 at 6x6 pad 1,1", configuration.ToString());
    }

    [Fact]
    public void AConvolutionRunAroundOneDnnLeavesTheProcessSwitchOn()
    {
        var network = Net.Input(14, 14, 24).Conv(64, 5, pad: Padding.Same, name: "conv").ToNetwork("conv");
        using var compiled = Cpu.Compile(network);

        compiled.Forward(Cpu.Random(HostTensor.BatchShape(network.Input.Shape, 2)));

        Assert.True(LibTorchKernels.OneDnn);
        Assert.Contains(ConvolutionKernelCheck.Checked, v => v.Configuration.ToString() == "5x5/1 conv 24->64 at 14x14 pad 2,2");
    }

    [Fact]
    public void AStridedPointwiseConvolutionRunSubsampledHasTheStridedValuesAndGradients()
    {
        var network = Net.Input(9, 9, 16).Conv(8, 1, s: 2, name: "conv").ToNetwork("projection");
        using var compiled = Cpu.Compile(network);
        var weight = Reference.Torch(compiled.GetState()["conv.weight"]);
        var bias = Reference.Torch(compiled.GetState()["conv.bias"]);
        var x = Reference.Torch(Cpu.Random([2, 16, 9, 9])).requires_grad_();
        var expected = global::TorchSharp.torch.nn.functional.conv2d(x, weight, bias, [2, 2]);
        var expectedGradient = global::TorchSharp.torch.autograd.grad([expected.square().sum()], [x])[0];

        LibTorchKernels.SubsampleStridedPointwise = true;
        try
        {
            var y = compiled.ForwardTensors(x, training: true)["conv"];
            var gradient = global::TorchSharp.torch.autograd.grad([y.square().sum()], [x])[0];

            Assert.Equal("1x1/1 conv 16->8 at 5x5", ((NetworkModule)compiled.Module).Convolutions.Single().Configuration.ToString());
            Reference.Close(Reference.Host(expected), Reference.Host(y));
            Reference.Close(Reference.Host(expectedGradient), Reference.Host(gradient));
        }
        finally
        {
            LibTorchKernels.SubsampleStridedPointwise = false;
        }
    }

    private static string Describe(LayerComparison comparison) =>
        comparison.FirstFailure is { } f
            ? $"{f.Layer} {f.Shape}: max abs {f.MaxAbsolute:G3}, max rel {f.MaxRelative:G3}, {f.Value} where float64 gives {f.Expected}; oneDNN verdicts: {string.Join("; ", ConvolutionKernelCheck.Checked.Where(v => !v.OneDnnRight).Select(v => $"{v.Configuration} {v.RelativeError:G2}"))}"
            : "";
}
