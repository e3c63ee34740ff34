using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Backends.Reference;

/// <summary>Registers the reference backend in a service collection.</summary>
public static class ReferenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reference backend under the name <c>reference</c> (see
    /// <see cref="FluentNetsServiceCollectionExtensions.AddBackend"/>), with the options as
    /// <paramref name="configure"/> leaves them now: they are validated here, not when the backend is first resolved.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; float32 when omitted.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException">An option holds an undefined value; the message lists the accepted ones.</exception>
    public static IServiceCollection AddReferenceBackend(this IServiceCollection services, Action<ReferenceBackendOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ReferenceBackendOptions();
        configure?.Invoke(options);
        options.Validate();
        var precision = options.Precision;
        return services.AddBackend(ReferenceBackend.BackendName, _ => new ReferenceBackend(new ReferenceBackendOptions { Precision = precision }));
    }
}
