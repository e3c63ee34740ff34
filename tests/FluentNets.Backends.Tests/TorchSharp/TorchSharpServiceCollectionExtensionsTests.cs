using FluentNets.Backends.TorchSharp;
using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Backends.Tests.TorchSharp;

public class TorchSharpServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:one")]
    [InlineData("cuda:-1")]
    [InlineData("mps")]
    [InlineData("")]
    public void AnUnknownDeviceFailsWhenRegisteredListingTheAcceptedValues(string device)
    {
        var services = new ServiceCollection();

        var e = Assert.Throws<ArgumentException>(() => services.AddTorchSharpBackend(o => o.Device = device));

        Assert.Equal(
            $"Expected TorchSharpBackendOptions.Device to be auto, cpu, cuda or cuda:N (N a device index from 0). Received: Device=\"{device}\". (Parameter 'Device')",
            e.Message);
        Assert.Empty(services);
    }

    [Fact]
    public void NonPositiveThreadsFailWhenRegistered()
    {
        var e = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddTorchSharpBackend(o => o.Threads = 0));

        Assert.Equal(
            "Expected TorchSharpBackendOptions.Threads to be null (libtorch's default) or positive. Received: Threads=0. (Parameter 'Threads')",
            e.Message);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("cpu")]
    [InlineData("CPU")]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("cuda:3")]
    public void AcceptedDevicesRegisterTheTorchsharpBackend(string device)
    {
        var services = new ServiceCollection().AddTorchSharpBackend(o => o.Device = device);

        using var provider = services.BuildServiceProvider();
        Assert.Equal(["torchsharp"], provider.GetRequiredService<IBackendProvider>().Names);
    }

    [Fact]
    public void BackendsArePickedByNameCaseInsensitively()
    {
        var services = new ServiceCollection()
            .AddTorchSharpBackend(o => o.Device = "cpu")
            .AddBackend("torch-auto", _ => new TorchSharpBackend());

        using var provider = services.BuildServiceProvider();
        var backends = provider.GetRequiredService<IBackendProvider>();

        Assert.Equal(["torchsharp", "torch-auto"], backends.Names);
        Assert.Equal("cpu", backends.Get("TorchSharp").Device);
        Assert.Equal(TorchRuntime.IsCudaAvailable ? "cuda" : "cpu", backends.Get("torch-auto").Device);
        Assert.Same(backends.Get("torchsharp"), backends.Get("TORCHSHARP"));
    }

    [Fact]
    public void ASecondRegistrationIsIgnoredAsTryAddDoes()
    {
        var services = new ServiceCollection()
            .AddTorchSharpBackend(o => o.Device = "cpu")
            .AddTorchSharpBackend(o => o.Device = "cuda:7");

        using var provider = services.BuildServiceProvider();
        var backends = provider.GetRequiredService<IBackendProvider>();

        Assert.Equal(["torchsharp"], backends.Names);
        Assert.Equal("cpu", backends.Get("torchsharp").Device);
    }

    [Fact]
    public void OptionsChangedAfterRegistrationDoNotReachTheBackend()
    {
        TorchSharpBackendOptions? captured = null;
        var services = new ServiceCollection().AddTorchSharpBackend(o =>
        {
            o.Device = "cpu";
            captured = o;
        });
        captured!.Device = "cuda:7";

        using var provider = services.BuildServiceProvider();

        Assert.Equal("cpu", provider.GetRequiredService<IBackendProvider>().Get("torchsharp").Device);
    }
}
