using FluentNets.Backends.TorchSharp;
using FluentNets.Data;
using FluentNets.Graph;
using FluentNets.Training;

namespace FluentNets.Backends.Tests.TorchSharp;

/// <summary>
/// The kernel switches on a libtorch without GCC's C++ names (MSVC-built libtorch on Windows),
/// simulated by resolving the symbols through a lookup that finds none, or only some: the switches
/// say they are unavailable, and networks still compile, run and train.
/// </summary>
public class LibTorchKernelsTests
{
    private static readonly string[] Symbols =
    [
        "_ZN2at13globalContextEv",
        "_ZNK2at7Context17userEnabledMkldnnEv",
        "_ZN2at7Context20setUserEnabledMkldnnEb",
        "_ZN2at4_ops17_nnpack_available4callEv",
        "_ZNK2at7Context17userEnabledNNPACKEv",
        "_ZN2at7Context20setUserEnabledNNPACKEb",
    ];

    private static readonly Network LeNetLike = Net.Input(12, 12, 1)
        .Conv(6, 3, activation: Activation.Relu, name: "c1").MaxPool(2)
        .Conv(8, 1, s: 2, name: "projection")
        .Flatten().Dense(3, activation: Activation.Softmax, name: "out").ToNetwork("small");

    [Fact]
    public void GccBuiltLibTorchOnLinuxExportsEverySwitch()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "libtorch on Linux is built by GCC; elsewhere the names may differ.");

        Assert.True(LibTorchKernels.IsAvailable, string.Join(", ", LibTorchKernels.MissingSymbols));
        Assert.True(LibTorchKernels.CanSwitchOneDnn);
        Assert.True(LibTorchKernels.CanSwitchNnpack);
        Assert.All(Symbols, s => Assert.NotEqual(IntPtr.Zero, LibTorchKernels.FindInLibTorchCpu(s)));
    }

    [Fact]
    public void WithoutTheSymbolsTheSwitchesReportThemselvesUnavailableAndReadAsLibTorchsDefault()
    {
        using var _ = LibTorchKernels.ResolveThrough(_ => IntPtr.Zero);

        Assert.False(LibTorchKernels.IsAvailable);
        Assert.False(LibTorchKernels.CanSwitchOneDnn);
        Assert.False(LibTorchKernels.CanSwitchNnpack);
        Assert.Equal(Symbols, LibTorchKernels.MissingSymbols);
        Assert.True(LibTorchKernels.OneDnn);
        Assert.True(LibTorchKernels.Nnpack);
        Assert.False(LibTorchKernels.NnpackAvailable);
        Assert.Equal(5, LibTorchKernels.WithoutOneDnn(() => 5));
        var error = Assert.Throws<PlatformNotSupportedException>(() => LibTorchKernels.OneDnn = false);
        Assert.Equal(
            $"The oneDNN switch is not available: libtorch_cpu does not export {string.Join(", ", Symbols)} (GCC's C++ names; an MSVC-built libtorch has others). Check LibTorchKernels.CanSwitchOneDnn before setting it.",
            error.Message);
        Assert.Throws<PlatformNotSupportedException>(() => LibTorchKernels.Nnpack = false);
    }

    [Fact]
    public void WithoutTheSymbolsANetworkCompilesRunsAndTrainsAsWithThem()
    {
        using var expected = Cpu.Compile(LeNetLike, seed: 4);
        var input = Cpu.Random(HostTensor.BatchShape(LeNetLike.Input.Shape, 2), seed: 9);
        var data = DataSets.Synthetic(LeNetLike.Input.Shape, classes: 3, count: 32, seed: 2);
        var options = new FitOptions { Epochs = 1, BatchSize = 16, Optimizer = Optimizer.Sgd(0.1) };
        var expectedOutput = expected.Infer(input);
        var expectedLoss = expected.Fit(data, options).Epochs.Single().Loss;

        using var _ = LibTorchKernels.ResolveThrough(_ => IntPtr.Zero);
        using var compiled = (TorchSharpNetwork)new TorchSharpBackend(new TorchSharpBackendOptions { Device = "cpu" }).Compile(LeNetLike, seed: 4);
        var output = compiled.Infer(input);
        var loss = compiled.Fit(data, options).Epochs.Single().Loss;

        Assert.Equal(expectedOutput.Shape, output.Shape);
        Assert.Equal(expectedOutput.Data, output.Data, (a, b) => Math.Abs(a - b) <= 1e-5f);
        Assert.Equal(expectedLoss, loss, 1e-5);
    }

    [Fact]
    public void WithoutTheOneDnnSwitchTheKernelCheckMeasuresNothing()
    {
        // A configuration no other test uses, so that no earlier verdict is found for it.
        var configuration = new ConvolutionConfiguration(3, 5, 7, 2, 3, 1, 1, 1, 1, 0, 1, 1, 1);
        using var _ = LibTorchKernels.ResolveThrough(_ => IntPtr.Zero);

        var verdict = Assert.Single(ConvolutionKernelCheck.Check([configuration]));

        Assert.True(verdict.OneDnnRight);
        Assert.Equal(0, verdict.RelativeError);
        Assert.DoesNotContain(ConvolutionKernelCheck.Checked, v => v.Configuration == configuration);
    }

    [Fact]
    public void WithoutTheOneDnnSwitchTheBackwardGuardSaysOneDnnStaysOnWhenBothProbesDie()
    {
        using var _ = LibTorchKernels.ResolveThrough(_ => IntPtr.Zero);
        var guard = new OneDnnBackwardGuard(_ => (136, "Floating point exception\n"));

        Assert.Equal(
            "oneDNN's convolution backward died in a probe on this CPU (exit code 136, SIGFPE: Floating point exception), and this libtorch does not export the switch that turns oneDNN off: training may die the same way.",
            guard.Ensure());
        Assert.True(LibTorchKernels.OneDnn);
    }

    [Fact]
    public void OneMissingSwitchLeavesTheOtherWorking()
    {
        using var _ = LibTorchKernels.ResolveThrough(s => s.Contains("NNPACK", StringComparison.Ordinal) ? IntPtr.Zero : LibTorchKernels.FindInLibTorchCpu(s));
        Assert.SkipUnless(LibTorchKernels.CanSwitchOneDnn, "libtorch_cpu does not export the oneDNN switch here.");

        Assert.False(LibTorchKernels.IsAvailable);
        Assert.False(LibTorchKernels.CanSwitchNnpack);
        Assert.Equal(["_ZNK2at7Context17userEnabledNNPACKEv", "_ZN2at7Context20setUserEnabledNNPACKEb"], LibTorchKernels.MissingSymbols);
        Assert.False(LibTorchKernels.WithoutOneDnn(() => LibTorchKernels.OneDnn));
        Assert.True(LibTorchKernels.OneDnn);
    }
}
