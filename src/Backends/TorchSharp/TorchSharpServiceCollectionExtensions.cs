using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Registers the TorchSharp backend in a service collection.</summary>
public static class TorchSharpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the TorchSharp backend under the name <c>torchsharp</c> (see
    /// <see cref="FluentNetsServiceCollectionExtensions.AddBackend"/>), on the device of the default
    /// <see cref="TorchSharpBackendOptions"/>, and one backend per device as a keyed
    /// <see cref="TorchSharpBackend"/> service: the key is a device (<c>cpu</c>, <c>cuda:1</c>) and
    /// names the options it runs with, <paramref name="configure"/> applied and then the device set
    /// to the name. Every named options instance is validated
    /// (<see cref="TorchSharpBackendOptions.Validate"/>), and the default one when the application
    /// starts (<c>ValidateOnStart</c>: a host does it, or <see cref="IAsyncStartupValidator"/>), so a bad
    /// option fails with one message naming it rather than on the first compile. Registered once, as
    /// <c>TryAdd</c> does: a second call leaves the first registration, and its options, in place.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options of every device; the defaults are device <c>auto</c> and libtorch's thread count.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddTorchSharpBackend(this IServiceCollection services, Action<TorchSharpBackendOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(BackendRegistration) && d.ImplementationInstance is BackendRegistration { Name: TorchSharpBackend.BackendName }))
        {
            return services;
        }

        if (configure is not null)
        {
            services.ConfigureAll(configure);
        }

        services.AddOptions<TorchSharpBackendOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TorchSharpBackendOptions>, DeviceNamedOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TorchSharpBackendOptions>, OptionsValidator>());
        services.TryAddKeyedSingleton(KeyedService.AnyKey, (provider, key) =>
            new TorchSharpBackend(provider.GetRequiredService<IOptionsMonitor<TorchSharpBackendOptions>>().Get(key as string)));
        return services.AddBackend(TorchSharpBackend.BackendName, provider => new TorchSharpBackend(provider.GetRequiredService<IOptions<TorchSharpBackendOptions>>().Value));
    }

    /// <summary>Options named after a device run on it: <c>Get("cuda:1")</c> has <c>Device = "cuda:1"</c>.</summary>
    private sealed class DeviceNamedOptions : IConfigureNamedOptions<TorchSharpBackendOptions>
    {
        public void Configure(string? name, TorchSharpBackendOptions options)
        {
            if (!string.IsNullOrEmpty(name))
            {
                options.Device = name;
            }
        }

        public void Configure(TorchSharpBackendOptions options) => Configure(Options.DefaultName, options);
    }

    /// <summary>Every named instance, not only the default one that <c>OptionsBuilder.Validate</c> covers.</summary>
    private sealed class OptionsValidator : IValidateOptions<TorchSharpBackendOptions>
    {
        public ValidateOptionsResult Validate(string? name, TorchSharpBackendOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail(e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
            }
        }
    }
}
