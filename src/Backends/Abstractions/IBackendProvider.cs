namespace FluentNets.Backends;

/// <summary>Picks a registered backend by name.</summary>
public interface IBackendProvider
{
    /// <summary>The registered backends' names, in registration order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The backend registered under <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No backend has that name; the message lists the registered ones.</exception>
    IBackend Get(string name);
}
