namespace FluentNets.Backends;

/// <summary>Records that a backend was registered under <paramref name="Name"/>, so the provider can list and resolve it.</summary>
/// <param name="Name">The key of the backend's keyed <see cref="IBackend"/> service.</param>
public sealed record BackendRegistration(string Name);
