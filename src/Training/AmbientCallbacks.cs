namespace FluentNets.Training;

/// <summary>
/// Callbacks a host adds to every fit it runs, beside those a <see cref="FitOptions"/> names: a
/// notebook extension registers its progress display here, so that a <c>Fit</c> in a cell shows its
/// progress without being asked. Every training backend calls <see cref="For"/> once per fit.
/// </summary>
public static class AmbientCallbacks
{
    private static readonly Lock Gate = new();
    private static Func<FitOptions, ITrainingCallback?>[] factories = [];

    /// <summary>
    /// Adds <paramref name="factory"/>, which each fit calls with its options; it answers a callback
    /// for that fit, or null where it has nothing to add (no notebook cell runs the fit, the options
    /// already hold one of its kind).
    /// </summary>
    /// <returns>A handle whose disposal takes the factory away again.</returns>
    public static IDisposable Register(Func<FitOptions, ITrainingCallback?> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        lock (Gate)
        {
            factories = [.. factories, factory];
        }

        return new Registration(factory);
    }

    /// <summary>The callbacks of a fit with <paramref name="options"/>: the options' own, then each registered factory's.</summary>
    public static IReadOnlyList<ITrainingCallback> For(FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var added = Volatile.Read(ref factories).Select(f => f(options)).OfType<ITrainingCallback>().ToArray();
        return added.Length == 0 ? options.Callbacks : [.. options.Callbacks, .. added];
    }

    private sealed class Registration(Func<FitOptions, ITrainingCallback?> factory) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                factories = [.. factories.Where(f => f != factory)];
            }
        }
    }
}
