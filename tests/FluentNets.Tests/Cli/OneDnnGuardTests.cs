using FluentNets.Backends.TorchSharp;
using FluentNets.Cli;
using FluentNets.Cli.Runtime;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

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
        var guard = new OneDnnGuard(() => (136, "[W NNPACK.cpp:56] Could not initialize NNPACK!\n"));

        string? fallback = guard.EnsureTrainingSurvives();

        Assert.Equal("oneDNN's convolution backward died in a probe on this CPU (exit code 136, SIGFPE); training uses libtorch's own kernels instead.", fallback);
        Assert.False(LibTorchKernels.OneDnn);
    }

    [Fact]
    public void TheChildsLastErrorLineIsQuoted()
    {
        LibTorchKernels.OneDnn = true;
        var guard = new OneDnnGuard(() => (134, "terminate called after throwing an instance of 'c10::Error'\n"));

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

        Assert.Null(new OneDnnGuard(() => (exitCode, "")).EnsureTrainingSurvives());
        Assert.True(LibTorchKernels.OneDnn);
    }

    [Fact]
    public void AGuardProbesOnceAndNotAtAllWhenOneDnnIsOff()
    {
        int probes = 0;
        LibTorchKernels.OneDnn = true;
        var guard = new OneDnnGuard(() => (136, probes++.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        guard.EnsureTrainingSurvives();
        guard.EnsureTrainingSurvives();

        Assert.Equal(1, probes);
        Assert.Null(new OneDnnGuard(() => (136, probes++.ToString(System.Globalization.CultureInfo.InvariantCulture))).EnsureTrainingSurvives());
        Assert.Equal(1, probes);
    }

    [Fact]
    public void AfterTheRealGuardAProjectionShortcutsGradientRunsInThisProcess()
    {
        // Where oneDNN divides by zero here, a guard that let it through would kill the test host.
        LibTorchKernels.OneDnn = true;
        new OneDnnGuard().EnsureTrainingSurvives();

        using var scope = NewDisposeScope();
        var input = randn([1, 512, 28, 28], requires_grad: true);
        var weight = randn([1024, 512, 1, 1], requires_grad: true);
        F.conv2d(input, weight, null, [2, 2]).sum().backward();

        Assert.Equal([1L, 512, 28, 28], input.grad!.shape);
    }
}
