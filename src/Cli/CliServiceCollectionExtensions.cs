using FluentNets.Cli.Commands;
using FluentNets.Zoo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FluentNets.Cli;

/// <summary>Registers what the <c>fluentnets</c> commands need.</summary>
public static class CliServiceCollectionExtensions
{
    /// <summary>
    /// Registers the output, the models (<see cref="ModelZoo.All"/> as <see cref="IReadOnlyList{ZooModel}"/>)
    /// and the built-in commands. Other commands add themselves as <see cref="ICliCommand"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="output">Where commands write.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddFluentNetsCli(this IServiceCollection services, CliOutput output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        services.TryAddSingleton(output);
        services.TryAddSingleton(ModelZoo.All);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, ZooCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, SummaryCommand>());
        return services;
    }
}
