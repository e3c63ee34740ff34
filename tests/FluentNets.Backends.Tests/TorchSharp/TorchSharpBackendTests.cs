using FluentNets.Backends.TorchSharp;

namespace FluentNets.Backends.Tests.TorchSharp;

public class TorchSharpBackendTests
{
    private static readonly FluentNets.Graph.Network Tiny =
        Net.Input(4, 4, 1).Conv(2, 3, pad: Padding.Same).Flatten().Dense(3).ToNetwork("tiny");

    [Fact]
    public void TheBackendIsNamedTorchsharp()
    {
        Assert.Equal("torchsharp", new TorchSharpBackend().Name);
    }

    [Fact]
    public void AutoResolvesToCudaWhenAvailableAndToCpuOtherwise()
    {
        Assert.Equal(TorchRuntime.IsCudaAvailable ? "cuda" : "cpu", new TorchSharpBackend().Device);
    }

    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData(" CPU ", "cpu")]
    public void TheDeviceIsNormalised(string requested, string device)
    {
        Assert.Equal(device, new TorchSharpBackend(new TorchSharpBackendOptions { Device = requested }).Device);
    }

    [Fact]
    public void AMissingCudaDeviceFailsWithWhatLibtorchSees()
    {
        Assert.SkipWhen(TorchRuntime.IsCudaAvailable, "this machine has CUDA");
        var backend = new TorchSharpBackend(new TorchSharpBackendOptions { Device = "cuda:1" });

        var e = Assert.Throws<InvalidOperationException>(() => backend.Compile(Tiny));

        Assert.Equal("Expected a CUDA device for Device=cuda:1. Received: torch.cuda.is_available()=false, torch.cuda.device_count()=0.", e.Message);
    }

    [Fact]
    public void ANetworkCompiledForCudaMatchesTheCpu()
    {
        Assert.SkipUnless(TorchRuntime.IsCudaAvailable, "torch.cuda.is_available() is false on this machine");
        using var cpu = Cpu.Compile(Tiny, seed: 5);
        using var gpu = new TorchSharpBackend(new TorchSharpBackendOptions { Device = "cuda" }).Compile(Tiny, seed: 5);
        var input = Cpu.Random([3, 1, 4, 4]);

        Assert.Equal("cuda", gpu.Device);
        Assert.Equal(cpu.GetState()["conv2d.weight"].Data, gpu.GetState()["conv2d.weight"].Data);
        Assert.Equal(cpu.Infer(input).Data, gpu.Infer(input).Data, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void CompiledNetworksReportTheBackendAndDevice()
    {
        using var compiled = Cpu.Compile(Tiny);

        Assert.Equal(("torchsharp", "cpu"), (compiled.Backend, compiled.Device));
        Assert.Same(Tiny, compiled.Network);
    }
}
