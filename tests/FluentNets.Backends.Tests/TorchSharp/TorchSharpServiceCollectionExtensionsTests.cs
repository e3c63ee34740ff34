using FluentNets.Backends.TorchSharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
    public async Task AnUnknownDeviceIsRefusedAtStartListingTheAcceptedValues(string device)
    {
        using var provider = new ServiceCollection().AddTorchSharpBackend(o => o.Device = device).BuildServiceProvider();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(provider));

        Assert.Equal(
            $"Expected TorchSharpBackendOptions.Device to be auto, cpu, cuda or cuda:N (N a device index from 0). Received: Device=\"{device}\".",
            e.Message);
    }

    [Fact]
    public async Task NonPositiveThreadsAreRefusedAtStartAndWhenTheBackendIsResolved()
    {
        using var provider = new ServiceCollection().AddTorchSharpBackend(o => o.Threads = 0).BuildServiceProvider();
        const string Expected = "Expected TorchSharpBackendOptions.Threads to be null (libtorch's default) or positive. Received: Threads=0.";

        Assert.Equal(Expected, (await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(provider))).Message);
        Assert.Equal(Expected, Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IBackendProvider>().Get("torchsharp")).Message);
        Assert.Equal(Expected, Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<TorchSharpBackend>("cpu")).Message);
    }

    [Fact]
    public async Task OptionsAreNamedPerDeviceWithTheSharedSettingsApplied()
    {
        using var provider = new ServiceCollection().AddTorchSharpBackend(o => o.Threads = 2).BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<TorchSharpBackendOptions>>();

        Assert.Equal(("auto", 2), (options.CurrentValue.Device, options.CurrentValue.Threads));
        Assert.Equal(("cpu", 2), (options.Get("cpu").Device, options.Get("cpu").Threads));
        Assert.Equal(("cuda:1", 2), (options.Get("cuda:1").Device, options.Get("cuda:1").Threads));
        await StartAsync(provider);
    }

    [Fact]
    public void EachDeviceIsOneKeyedBackendOnThatDevice()
    {
        using var provider = new ServiceCollection().AddTorchSharpBackend().BuildServiceProvider();

        var cpu = provider.GetRequiredKeyedService<TorchSharpBackend>("cpu");

        Assert.Equal("cpu", cpu.Device);
        Assert.Same(cpu, provider.GetRequiredKeyedService<TorchSharpBackend>("cpu"));
        Assert.Equal(TorchRuntime.IsCudaAvailable ? "cuda" : "cpu", provider.GetRequiredKeyedService<TorchSharpBackend>("auto").Device);
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<TorchSharpBackend>("tpu"));
        Assert.Equal("Expected TorchSharpBackendOptions.Device to be auto, cpu, cuda or cuda:N (N a device index from 0). Received: Device=\"tpu\".", e.Message);
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

    // What a host does when it starts: the options registered with ValidateOnStart are validated.
    private static async Task StartAsync(ServiceProvider provider) =>
        await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(TestContext.Current.CancellationToken);
}
