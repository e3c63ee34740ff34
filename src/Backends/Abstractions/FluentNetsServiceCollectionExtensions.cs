using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FluentNets.Backends;

/// <summary>Registers FluentNets in a service collection.</summary>
public static class FluentNetsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IBackendProvider"/> that picks backends by name. Add backends with
    /// <c>AddTorchSharpBackend</c> or <c>AddReferenceBackend</c>.
    /// </summary>
    public static IServiceCollection AddFluentNets(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IBackendProvider, BackendProvider>();
        return services;
    }

    /// <summary>
    /// Registers a backend under <paramref name="name"/> as a keyed singleton, once: a second
    /// registration under the same name is ignored, as <c>TryAdd</c> does.
    /// </summary>
    public static IServiceCollection AddBackend(this IServiceCollection services, string name, Func<IServiceProvider, IBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddFluentNets();
        services.TryAddKeyedSingleton<IBackend>(name, (sp, _) => factory(sp));
        // TryAddEnumerable would keep only the first BackendRegistration (it dedupes by type), so check by name.
        if (!services.Any(d => d.ServiceType == typeof(BackendRegistration) &&
                d.ImplementationInstance is BackendRegistration r && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            services.AddSingleton(new BackendRegistration(name));
        }
        return services;
    }
}
