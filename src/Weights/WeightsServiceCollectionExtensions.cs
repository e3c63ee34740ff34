using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FluentNets.Weights;

/// <summary>Registers the weight-file readers.</summary>
public static class WeightsServiceCollectionExtensions
{
    /// <summary>
    /// Registers FluentNets' built-in readers (its own safetensors, Keras's HDF5, PyTorch's state dicts) as
    /// <see cref="IWeightFileReader"/>s, and <see cref="WeightReaders"/> over every registered reader, so an application
    /// adds a format by registering its reader too. Registering twice keeps one of each.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddWeightFiles(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWeightFileReader, SafetensorsReader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWeightFileReader, KerasReader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWeightFileReader, PyTorchReader>());
        services.TryAddSingleton(provider => new WeightReaders(provider.GetServices<IWeightFileReader>()));
        return services;
    }
}
