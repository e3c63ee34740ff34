using FluentNets.Backends.TorchSharp;
using FluentNets.Cli;
using FluentNets.Cli.Runtime;
using static TorchSharp.torch;

namespace FluentNets.Tests.Cli;

// The guard flips a process-wide libtorch switch: these tests run alone, and put the switch back.
[CollectionDefinition(nameof(OneDnnGuardTests), DisableParallelization = true)]
public sealed class OneDnnSwitchCollection;

[Collection(nameof(OneDnnGuardTests))]
public sealed class OneDnnGuardTests : IDisposable
{
    private readonly bool before = LibTorchKernels.OneDnn;

    public void Dispose() => LibTorchKernels.OneDnn = before;

    [Fact]
    public void AProbeThatDiesTurnsOneDnnOffAndSaysWhy()
    {
        LibTorchKernels.OneDnn = true;
        var guard = new OneDnnGuard(_ => (136, "[W NNPACK.cpp:56] Could not initialize NNPACK!\n"));

        string? fallback = guard.EnsureTrainingSurvives();

        Assert.Equal("oneDNN's convolution backward died in a probe on this CPU (exit code 136, SIGFPE); training uses libtorch's own kernels instead.", fallback);
        Assert.False(LibTorchKernels.OneDnn);
    }

    [Fact]
    public void TheChildsLastErrorLineIsQuoted()
    {
        LibTorchKernels.OneDnn = true;
        var guard = new OneDnnGuard(_ => (134, "terminate called after throwing an instance of 'c10::Error'\n"));

        Assert.Equal(
            "oneDNN's convolution backward died in a probe on this CPU (exit code 134: terminate called after throwing an instance of 'c10::Error'); training uses libtorch's own kernels instead.",
            guard.EnsureTrainingSurvives());
    }

    [Theory]
    [InlineData(ExitCodes.Success)]
    [InlineData(-1)]
    public void AProbeThatSurvivesOrCannotStartLeavesOneDnnOn(int exitCode)
    {
        LibTorchKernels.OneDnn = true;

        Assert.Null(new OneDnnGuard(_ => (exitCode, "")).EnsureTrainingSurvives());
        Assert.True(LibTorchKernels.OneDnn);
    }

    [Fact]
    public void AGuardProbesOnceAndNotAtAllWhenOneDnnIsOff()
    {
        int probes = 0;
        LibTorchKernels.OneDnn = true;
        var guard = new OneDnnGuard(_ => (136, probes++.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        guard.EnsureTrainingSurvives();
        guard.EnsureTrainingSurvives();

        Assert.Equal(2, probes); // the strided probe, then the subsampled one
        Assert.Null(new OneDnnGuard(_ => (136, probes++.ToString(System.Globalization.CultureInfo.InvariantCulture))).EnsureTrainingSurvives());
        Assert.Equal(2, probes);
    }

    [Fact]
    public void WhereOnlyTheStridedFormDiesStridedPointwiseConvolutionsRunSubsampledAndOneDnnStaysOn()
    {
        LibTorchKernels.OneDnn = true;
        var probes = new List<string>();
        var guard = new OneDnnGuard(argument =>
        {
            probes.Add(argument);
            return argument == "--probe-onednn-backward" ? (136, "") : (0, "");
        });

        try
        {
            Assert.Equal(
                "oneDNN's backward of 1x1 stride-2 convolutions died in a probe on this CPU (exit code 136, SIGFPE); they run as a stride-2 subsample and a 1x1 stride-1 convolution, whose backward survives, and oneDNN stays on.",
                guard.EnsureTrainingSurvives());
            Assert.Equal(["--probe-onednn-backward", "--probe-onednn-backward-subsampled"], probes);
            Assert.True(LibTorchKernels.OneDnn);
            Assert.True(LibTorchKernels.SubsampleStridedPointwise);
        }
        finally
        {
            LibTorchKernels.SubsampleStridedPointwise = false;
        }
    }

    [Fact]
    public void AfterTheRealGuardAProjectionShortcutsGradientRunsInThisProcess()
    {
        // Where oneDNN divides by zero here, a guard that let it through would kill the test host.
        LibTorchKernels.OneDnn = true;
        bool subsampled = LibTorchKernels.SubsampleStridedPointwise;
        new OneDnnGuard().EnsureTrainingSurvives();

        try
        {
            var network = Net.Input(28, 28, 512).Conv(1024, 1, s: 2, name: "shortcut_conv").ToNetwork();
            using var compiled = (TorchSharpNetwork)new TorchSharpBackend(new TorchSharpBackendOptions { Device = "cpu" }).Compile(network, seed: 1);
            using var scope = NewDisposeScope();
            var input = randn([2, 512, 28, 28], requires_grad: true);
            compiled.ForwardTensors(input, training: true)["shortcut_conv"].sum().backward();

            Assert.Equal([2L, 512, 28, 28], input.grad!.shape);
        }
        finally
        {
            LibTorchKernels.SubsampleStridedPointwise = subsampled;
        }
    }
}
