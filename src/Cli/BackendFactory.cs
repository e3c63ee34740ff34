using System.Collections.Concurrent;
using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using FluentNets.Cli.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Cli;

/// <summary>
/// The backends commands compile with, on the device the user picked with <c>--device</c>. The
/// device is known only after parsing, so each device gets its own container, composed by the
/// registration any FluentNets application uses (<see cref="RegisterBuiltIn"/>), and the backend is
/// picked from its <see cref="IBackendProvider"/> by name.
/// </summary>
/// <param name="register">Registers the backends for a device, e.g. <see cref="RegisterBuiltIn"/>.</param>
public sealed class BackendFactory(Action<IServiceCollection, string> register) : IDisposable
{
    private readonly ConcurrentDictionary<string, ServiceProvider> providers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <c>services.AddFluentNets().AddTorchSharpBackend(o =&gt; o.Device = device).AddReferenceBackend()</c>:
    /// the TorchSharp backend on <paramref name="device"/> and the reference backend (always on the CPU).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="device"><c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</param>
    /// <exception cref="ArgumentException">The device is not one of those.</exception>
    public static void RegisterBuiltIn(IServiceCollection services, string device) =>
        services.AddFluentNets().AddTorchSharpBackend(o => o.Device = device).AddReferenceBackend();

    /// <summary>
    /// The backend registered as <paramref name="name"/>, with its device resolved (so <c>auto</c>
    /// has become <c>cpu</c> or <c>cuda</c> and the native libraries are known to load).
    /// </summary>
    /// <param name="name">A registered backend's name, e.g. <c>torchsharp</c>.</param>
    /// <param name="device">The device the user picked.</param>
    /// <exception cref="CliException">
    /// No backend has that name, or the device is not there (<see cref="ExitCodes.Usage"/>); the native
    /// libraries do not load (<see cref="ExitCodes.Failure"/>, with TorchSharp's diagnosis).
    /// </exception>
    public IBackend Get(string name, string device)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(device);
        var provider = providers.GetOrAdd(device, Build).GetRequiredService<IBackendProvider>();
        IBackend backend;
        try
        {
            backend = provider.Get(name);
        }
        catch (KeyNotFoundException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage, e);
        }

        try
        {
            _ = backend.Device;
        }
        catch (InvalidOperationException e) when (!TorchRuntime.IsNativeLibraryLoaded)
        {
            throw new CliException(
                $"{TorchRuntimeInfo.Brief(TorchRuntime.NativeDiagnosis)} `fluentnets doctor` shows the details.", ExitCodes.Failure, e);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException($"--device {device}: {e.Message}", ExitCodes.Usage, e);
        }

        return backend;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var provider in providers.Values)
        {
            provider.Dispose();
        }

        providers.Clear();
    }

    private ServiceProvider Build(string device)
    {
        var services = new ServiceCollection();
        register(services, device);
        return services.BuildServiceProvider();
    }
}
