using FluentNets.Backends;

namespace FluentNets.Training;

/// <summary>Finding a backend that trains.</summary>
public static class TrainingBackends
{
    /// <summary>The registered backend named <paramref name="name"/>, as one whose networks train.</summary>
    /// <param name="provider">The backends.</param>
    /// <param name="name">A registered backend's name, e.g. <c>torchsharp</c>.</param>
    /// <exception cref="KeyNotFoundException">No backend has that name.</exception>
    /// <exception cref="NotSupportedException">The backend runs networks but does not train them.</exception>
    public static ITrainingBackend GetTraining(this IBackendProvider provider, string name)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var backend = provider.Get(name);
        return backend as ITrainingBackend
            ?? throw new NotSupportedException(
                $"the {backend.Name} backend runs networks but does not train them; backends that train: {string.Join(", ", provider.Names.Where(n => provider.Get(n) is ITrainingBackend))}.");
    }
}
