using System.Collections.Immutable;

namespace FluentNets.Backends;

/// <summary>
/// The weight-file readers backends add (<see cref="IWeightFileReader"/>), for the dispatch by extension
/// that FluentNets.Interop's <c>WeightFiles</c> does. Process-wide, as the formats a process can read are;
/// registering the same reader twice keeps one.
/// </summary>
public static class WeightFileReaders
{
    private static ImmutableArray<IWeightFileReader> readers = [];

    /// <summary>The registered readers, in the order they were registered.</summary>
    public static ImmutableArray<IWeightFileReader> All => readers;

    /// <summary>Adds <paramref name="reader"/> unless a reader of its type is registered already.</summary>
    /// <param name="reader">The reader.</param>
    public static void Register(IWeightFileReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ImmutableInterlocked.Update(ref readers, list => list.Any(r => r.GetType() == reader.GetType()) ? list : list.Add(reader));
    }
}
