using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using FluentNets.Cli.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Cli;

/// <summary>
/// The backends commands compile with, on the device the user picked with <c>--device</c>, from the
/// CLI's one container: the TorchSharp backend of a device is the keyed <see cref="TorchSharpBackend"/>
/// whose options are named after it (<see cref="TorchSharpServiceCollectionExtensions.AddTorchSharpBackend"/>);
/// any other backend is picked from the <see cref="IBackendProvider"/> by name and runs where it runs.
/// </summary>
/// <param name="services">The container the CLI built.</param>
public sealed class BackendFactory(IServiceProvider services)
{
    /// <summary>
    /// The backend registered as <paramref name="name"/>, with its device resolved (so <c>auto</c>
    /// has become <c>cpu</c> or <c>cuda</c> and the native libraries are known to load).
    /// </summary>
    /// <param name="name">A registered backend's name, e.g. <c>torchsharp</c>.</param>
    /// <param name="device">The device the user picked: <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>, in any case.</param>
    /// <exception cref="CliException">
    /// No backend has that name, or the device is not there (<see cref="ExitCodes.Usage"/>); the native
    /// libraries do not load (<see cref="ExitCodes.Failure"/>, with TorchSharp's diagnosis).
    /// </exception>
    public IBackend Get(string name, string device)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(device);
        IBackend backend;
        try
        {
            backend = string.Equals(name, TorchSharpBackend.BackendName, StringComparison.OrdinalIgnoreCase)
                ? services.GetRequiredKeyedService<TorchSharpBackend>(device.Trim().ToLowerInvariant())
                : services.GetRequiredService<IBackendProvider>().Get(name);
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
}
