using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Backends;

/// <summary>Resolves backends registered as keyed <see cref="IBackend"/> services.</summary>
internal sealed class BackendProvider(IServiceProvider services, IEnumerable<BackendRegistration> registrations) : IBackendProvider
{
    public IReadOnlyList<string> Names { get; } = registrations.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    public IBackend Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? key = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return key is null
            ? throw new KeyNotFoundException(
                $"unknown backend '{name}'. Registered backends: {(Names.Count == 0 ? "none (call AddTorchSharpBackend or AddReferenceBackend)" : string.Join(", ", Names))}.")
            : services.GetRequiredKeyedService<IBackend>(key);
    }
}
