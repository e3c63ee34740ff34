using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using FluentNets.Cli.Commands;
using FluentNets.Cli.Runtime;
using FluentNets.Zoo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FluentNets.Cli;

/// <summary>Registers what the <c>fluentnets</c> commands need.</summary>
public static class CliServiceCollectionExtensions
{
    /// <summary>
    /// Registers the output, the models (<see cref="ModelZoo.All"/> as <see cref="IReadOnlyList{ZooModel}"/>),
    /// the backends (TorchSharp, with options named per device that <see cref="BackendFactory"/> picks
    /// by <c>--device</c>, and the reference backend, as any FluentNets application registers them), what TorchSharp
    /// reports about itself (<see cref="ITorchRuntimeInfo"/>) and the built-in commands. Other commands
    /// add themselves as <see cref="ICliCommand"/>.
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
        services.AddFluentNets().AddTorchSharpBackend().AddReferenceBackend();
        services.TryAddSingleton<BackendFactory>();
        services.TryAddSingleton<ITorchRuntimeInfo, TorchRuntimeInfo>();
        services.TryAddSingleton<OneDnnGuard>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, ZooCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, SummaryCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, TrainCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, EvaluateCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, PredictCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, VerifyCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, DoctorCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, ExportCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, PlotCommand>());
        return services;
    }
}
