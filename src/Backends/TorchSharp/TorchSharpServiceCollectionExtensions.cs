using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Registers the TorchSharp backend in a service collection.</summary>
public static class TorchSharpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the TorchSharp backend under the name <c>torchsharp</c> (see
    /// <see cref="FluentNetsServiceCollectionExtensions.AddBackend"/>): once, as <c>TryAdd</c> does,
    /// so a second call leaves the first registration in place. The options are configured and
    /// validated here, when registered, not when the backend is first resolved. PyTorch's weight files
    /// (<see cref="PyTorchWeightFileReader"/>) join <see cref="WeightFileReaders"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; the defaults are device <c>auto</c> and libtorch's thread count.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message lists the accepted values.</exception>
    public static IServiceCollection AddTorchSharpBackend(this IServiceCollection services, Action<TorchSharpBackendOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new TorchSharpBackendOptions();
        configure?.Invoke(options);
        options.Validate();
        var registered = options.Clone();
        WeightFileReaders.Register(new PyTorchWeightFileReader());
        return services.AddBackend(TorchSharpBackend.BackendName, _ => new TorchSharpBackend(registered));
    }
}
