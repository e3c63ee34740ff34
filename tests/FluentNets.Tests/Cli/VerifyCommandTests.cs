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
        Assert.Equal($"lenet5 on {backend} (cpu), input 32x32x1, batch 2", run.OutLines[0]);
        Assert.Equal(
        [
            ["output dense_2", "[2, 10]", "[2, 10]", "PASS"],
            ["trainable params", "61,706", "61,706", "PASS"],
            ["non-trainable params", "0", "0", "PASS"],
        ],
            Rows(run.Out));
    }

    [Fact]
    public void GoogLeNetChecksItsAuxiliaryOutputsFromATrainingPass()
    {
        var run = CliRun.Of("verify", "googlenet", "--device", "cpu");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        var rows = Rows(run.Out);
        Assert.Equal(["output", "output", "output", "trainable params", "non-trainable params"], rows.Select(r => r[0].Split(' ')[0] == "output" ? "output" : r[0]));
        Assert.All(rows.Take(3), r => Assert.Equal(["[2, 1000]", "[2, 1000]", "PASS"], r[1..]));
        Assert.All(rows, r => Assert.Equal("PASS", r[3]));
    }

    [Fact]
    public void AMismatchIsAFailRowAndExitCodeOne()
    {
        var run = CliRun.Configured(
            services => services.AddSingleton(new BackendFactory((s, _) => s.AddBackend("lossy", _ => new LossyBackend()))),
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
    public void HelpSaysLargeModelsMayNeedASmallerInputOnTheReferenceBackend()
    {
        var run = CliRun.Of("verify", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("  --backend <torchsharp|reference> ", run.Out);
        Assert.Contains("smaller --input", run.Out);
    }

    private static string[][] Rows(string table) =>
        table.Split('\n')
            .Select(line => line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 4 && cells[0] != "Check")
            .ToArray();

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
