using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using FluentNets.Cli;
using FluentNets.Graph;
using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Tests.Cli;

public class VerifyCommandTests
{
    [Theory]
    [InlineData("torchsharp")]
    [InlineData("reference")]
    public void LeNet5PassesOnBothBackends(string backend)
    {
        var run = CliRun.Of("verify", "lenet5", "--backend", backend, "--device", "cpu");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal($"lenet5 on {backend} (cpu), input 32x32x1 (the model's published input), batch 2", run.OutLines[0]);
        string[][] inference = backend == "torchsharp"
            ? [["output dense_2, compiled for inference", "[2, 10]", "[2, 10]", "PASS"], ["params held for inference", "61,706", "61,706", "PASS"]]
            : [];
        Assert.Equal(
        [
            ["output dense_2", "[2, 10]", "[2, 10]", "PASS"],
            ["trainable params", "61,706", "61,706", "PASS"],
            ["non-trainable params", "0", "0", "PASS"],
            .. inference,
        ],
            Rows(run.Out));
        Assert.Equal(
            ["conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten", "dense", "dense_1", "dense_2"],
            ValueRows(run.Out).Select(r => r[0]));
        Assert.All(ValueRows(run.Out), r => Assert.Equal("PASS", r[^1]));
        Assert.All(ValueRows(run.Out), r => Assert.Equal(backend == "torchsharp" ? 7 : 5, r.Length));
        Assert.Equal("[2, 6, 28, 28]", ValueRows(run.Out)[0][1]);
    }

    // ResNet-50's 53 BatchNorms all follow a convolution that nothing else reads, so each is folded:
    // the convolution's row says where it went, and the BatchNorm's row holds the folded pair's error.
    [Fact]
    public void TheInferenceCompilationIsCheckedBesideItWithinTheTighterToleranceAtTheFoldsOutput()
    {
        var run = CliRun.Of("verify", "resnet50", "--input", "32x32x3", "--device", "cpu");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        var rows = ValueRows(run.Out);
        var stem = rows.Single(r => r[0] == "conv1_conv");
        var norm = rows.Single(r => r[0] == "conv1_bn");
        Assert.Equal(["folded into conv1_bn", "-", "PASS"], stem[4..]);
        Assert.All(norm[4..6], e => Assert.InRange(double.Parse(e, System.Globalization.CultureInfo.InvariantCulture), 0, 1e-4));
        Assert.Equal(53, rows.Count(r => r[4].StartsWith("folded into ", StringComparison.Ordinal)));
        Assert.All(rows, r => Assert.Equal("PASS", r[^1]));
        Assert.Contains("; compiled for inference 0.0001, a layer whose BatchNorm is folded into it checked at the BatchNorm's output)", run.Out);
    }

    // GoogLeNet's 14x14 modules (inception_4b and 4c, with a 24-filter 5x5 reduction) are where
    // libtorch 2.10's AVX-512 oneDNN kernels were found wrong by 0.2 of a layer's range; every layer
    // here is compared with the float64 reference backend at the published input, default settings.
    [Fact]
    public void GoogLeNetChecksItsAuxiliaryOutputsFromATrainingPassAndEveryLayersValues()
    {
        var run = CliRun.Of("verify", "googlenet", "--device", "cpu");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        var rows = Rows(run.Out);
        Assert.Equal(
            ["output", "output", "output", "trainable params", "non-trainable params", "output", "params held for inference"],
            rows.Select(r => r[0].Split(' ')[0] == "output" ? "output" : r[0]));
        Assert.Equal(["[2, 1000, 1, 1]", "[2, 1000, 1, 1]", "PASS"], rows[0][1..]);
        Assert.All(rows.Skip(1).Take(2), r => Assert.Equal(["[2, 1000]", "[2, 1000]", "PASS"], r[1..]));
        Assert.EndsWith(", compiled for inference", rows[5][0]);
        Assert.Equal(["[2, 1000, 1, 1]", "[2, 1000, 1, 1]", "PASS"], rows[5][1..]);
        Assert.Equal(["params held for inference", "6,994,392", "6,994,392", "PASS"], rows[6]);
        Assert.All(rows, r => Assert.Equal("PASS", r[3]));
        Assert.Contains(ValueRows(run.Out), r => r[0] == "inception_4b/5x5" && r[1] == "[2, 64, 14, 14]" && r[^1] == "PASS");
        Assert.All(ValueRows(run.Out), r => Assert.Equal("PASS", r[^1]));
        Assert.Equal("googlenet on torchsharp (cpu), input 224x224x3 (the model's published input), batch 2", run.OutLines[0]);
    }

    // A member of each grouped, dense and normalised family at a small input: every layer of the TorchSharp backend
    // against the float64 reference backend, and both against the DSL's counts. torchvision's DenseNet and ConvNeXt
    // are the same layer kinds as Keras's, and VGG-BN's convs, BatchNorms and pools are in every model here.
    [Theory]
    [InlineData("densenet121", "32x32x3")]
    [InlineData("resnet50-v2", "32x32x3")]
    [InlineData("inception-resnet-v2", "75x75x3")]
    [InlineData("nasnet-mobile", "32x32x3")]
    [InlineData("convnext-tiny", "32x32x3")]
    [InlineData("tv-resnext50-32x4d", "32x32x3")]
    [InlineData("tv-regnet-y-400mf", "32x32x3")]
    [InlineData("tv-shufflenet-v2-x0-5", "32x32x3")]
    [InlineData("tv-squeezenet1-0", "32x32x3")]
    public void EachFamilyPassesLayerByLayer(string model, string input)
    {
        var run = CliRun.Of("verify", model, "--input", input, "--classes", "10", "--device", "cpu");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal("", run.Error);
        Assert.All(Rows(run.Out), r => Assert.Equal("PASS", r[3]));
        Assert.All(ValueRows(run.Out), r => Assert.Equal("PASS", r[^1]));
        Assert.True(ValueRows(run.Out).Length > 10);
    }

    // One member of each mobile family at 32x32 with 10 classes: every layer, the in-model Rescaling and Normalization,
    // depthwise convolutions, squeeze-excite and the heads, against the reference backend.
    [Theory]
    [InlineData("mobilenet", "predictions", "conv_dw_13")]
    [InlineData("tv-mobilenet-v2", "classifier.1", "features.17/conv.1.0")]
    [InlineData("mobilenet-v3-small", "predictions", "expanded_conv_10_squeeze_excite_mul")]
    [InlineData("efficientnet-b0", "predictions", "normalization")]
    [InlineData("efficientnet-v2-b0", "predictions", "block6h_se_excite")]
    [InlineData("tv-mnasnet0-5", "classifier.1", "layers.12.3/layers.3")]
    public void OneModelOfEachMobileFamilyPassesLayerByLayer(string model, string output, string layer)
    {
        var run = CliRun.Of("verify", model, "--input", "32x32x3", "--classes", "10", "--device", "cpu");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal([$"output {output}", "[2, 10]", "[2, 10]", "PASS"], Rows(run.Out)[0]);
        Assert.Contains(ValueRows(run.Out), r => r[0] == layer);
        Assert.All(ValueRows(run.Out), r => Assert.Equal("PASS", r[^1]));
    }

    [Theory]
    [InlineData("lenet5", "32x32x1", "the model's published input")]
    [InlineData("googlenet", "224x224x3", "the model's published input")]
    [InlineData("vgg16", "75x75x3", "reduced from 224x224x3 so the float64 reference backend takes about a minute; --input sets it")]
    [InlineData("inception-v3", "192x192x3", "reduced from 299x299x3 so the float64 reference backend takes about a minute; --input sets it")]
    public void WithoutAnInputTheReferenceBackendsWorkIsKeptWithinItsBudget(string model, string input, string note)
    {
        var (network, said) = FluentNets.Cli.Commands.VerifyCommand.Reduced(FluentNets.Zoo.ModelZoo.Get(model));

        Assert.Equal((input, note), (network.Input.Shape.ToString(), said));
        Assert.InRange(network.Analysis.InferenceMacs * 2, 1, FluentNets.Cli.Commands.VerifyCommand.ReferenceMacBudget);
    }

    [Fact]
    public void AWrongLayerNamesItselfWithBothValuesAndExitCodeOne()
    {
        var run = CliRun.Configured(
            services => services.AddBackend("skewed", _ => new SkewedBackend("conv2d_1")),
            "verify", "lenet5", "--backend", "skewed");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var rows = ValueRows(run.Out);
        Assert.Equal(["PASS", "PASS", "FAIL", "PASS"], rows.Take(4).Select(r => r[^1]));
        Assert.Equal(["conv2d_1", "[2, 16, 10, 10]", "1.0E-1"], rows[2][..3]);
        var error = Assert.Single(run.ErrorLines);
        Assert.Matches(
            @"^fluentnets: lenet5 on skewed: conv2d_1 \[2, 16, 10, 10\] is out of tolerance: skewed gives (\S+) at element \d+ where the float64 reference gives (\S+) \(max abs error 1\.0E-1, max rel error \S+ > 0\.001\); 1 of 8 layers fail\.$",
            error);
    }

    [Fact]
    public void AMismatchIsAFailRowAndExitCodeOne()
    {
        var run = CliRun.Configured(
            services => services.AddBackend("lossy", _ => new LossyBackend()),
            "verify", "lenet5", "--backend", "lossy");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(
        [
            ["output dense_2", "[2, 10]", "[2, 10]", "PASS"],
            ["trainable params", "61,706", "61,696", "FAIL"],
            ["non-trainable params", "0", "0", "PASS"],
        ],
            Rows(run.Out));
        Assert.Equal(["fluentnets: lenet5 on lossy: 1 of 3 checks differ from the DSL."], run.ErrorLines);
    }

    [Fact]
    public void AnUnknownBackendListsTheRegisteredOnes()
    {
        var run = CliRun.Of("verify", "lenet5", "--backend", "onnx");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(["fluentnets: unknown backend 'onnx'. Registered backends: torchsharp, reference."], run.ErrorLines);
    }

    [Fact]
    public void ACudaDeviceWithoutCudaIsOneLineAndExitCodeTwo()
    {
        Assert.SkipWhen(TorchRuntime.IsCudaAvailable, "This machine has CUDA.");

        var run = CliRun.Of("verify", "lenet5", "--device", "cuda");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(["fluentnets: --device cuda: Expected a CUDA device for Device=cuda. Received: torch.cuda.is_available()=false, torch.cuda.device_count()=0."], run.ErrorLines);
    }

    [Fact]
    public void HelpSaysLargeModelsGetASmallerInputForTheReferenceBackend()
    {
        var run = CliRun.Of("verify", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("  --backend <torchsharp|reference> ", run.Out);
        Assert.Contains("a smaller input the model allows", run.Out);
    }

    private static string[][] Rows(string table) =>
        table.Split('\n')
            .Select(line => line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 4 && cells[0] != "Check")
            .ToArray();

    private static string[][] ValueRows(string table) =>
        table.Split('\n')
            .Select(line => line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length is 5 or 7 && cells[0] != "Layer")
            .ToArray();

    /// <summary>The reference backend in float32, but one layer's output comes back 0.1 too large.</summary>
    private sealed class SkewedBackend(string layer) : IBackend
    {
        private readonly ReferenceBackend reference = new();

        public string Name => "skewed";

        public string Device => "cpu";

        public ICompiledNetwork Compile(Network network, int? seed = null) => new Skewed((ReferenceNetwork)reference.Compile(network, seed), layer);

        private sealed class Skewed(ReferenceNetwork inner, string layer) : ICompiledNetwork, ILayerOutputs
        {
            public Network Network => inner.Network;

            public string Backend => "skewed";

            public string Device => inner.Device;

            public IReadOnlyList<ParameterInfo> Parameters => inner.Parameters;

            public IReadOnlyDictionary<string, HostTensor> Forward(HostTensor input, bool training = false) => inner.Forward(input, training);

            public IReadOnlyDictionary<string, HostTensor> ForwardLayers(HostTensor input) =>
                inner.ForwardLayers(input).ToDictionary(
                    p => p.Key, p => p.Key == layer ? new HostTensor([.. p.Value.Shape], p.Value.Data.Select(v => v + 0.1f).ToArray()) : p.Value);

            public IReadOnlyDictionary<string, HostTensor> GetState() => inner.GetState();

            public void SetState(IReadOnlyDictionary<string, HostTensor> state) => inner.SetState(state);

            public void Dispose() => inner.Dispose();
        }
    }

    /// <summary>The reference backend, but its networks forget the last parameter (the output layer's bias).</summary>
    private sealed class LossyBackend : IBackend
    {
        private readonly ReferenceBackend reference = new();

        public string Name => "lossy";

        public string Device => "cpu";

        public ICompiledNetwork Compile(Network network, int? seed = null) => new Lossy(reference.Compile(network, seed));

        private sealed class Lossy(ICompiledNetwork inner) : ICompiledNetwork
        {
            public Network Network => inner.Network;

            public string Backend => "lossy";

            public string Device => inner.Device;

            public IReadOnlyList<ParameterInfo> Parameters => inner.Parameters.SkipLast(1).ToArray();

            public IReadOnlyDictionary<string, HostTensor> Forward(HostTensor input, bool training = false) => inner.Forward(input, training);

            public IReadOnlyDictionary<string, HostTensor> GetState() => inner.GetState();

            public void SetState(IReadOnlyDictionary<string, HostTensor> state) => inner.SetState(state);

            public void Dispose() => inner.Dispose();
        }
    }
}
