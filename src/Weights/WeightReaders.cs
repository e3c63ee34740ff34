using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Weights;

/// <summary>
/// The one dispatch of weight files by extension, over the readers registered through dependency injection
/// (<see cref="WeightsServiceCollectionExtensions.AddWeightFiles"/>), or FluentNets' built-in ones
/// (<see cref="WeightFiles.Default"/>). Where several readers take an extension (<c>.safetensors</c>: FluentNets'
/// names, then PyTorch's keys) they are tried in order, and a file that fits none is described by the reader it
/// belongs to: FluentNets' when its metadata names a network, the other's otherwise.
/// </summary>
/// <param name="readers">The readers, in the order they are tried.</param>
public sealed class WeightReaders(IEnumerable<IWeightFileReader> readers)
{
    private readonly IWeightFileReader[] readers = readers?.ToArray() ?? throw new ArgumentNullException(nameof(readers));

    /// <summary>The extensions some reader takes, in registration order.</summary>
    public IReadOnlyList<string> Extensions => readers.SelectMany(r => r.Extensions).Where(e => e != ".hdf5").Distinct().ToArray();

    /// <summary>
    /// The state of <paramref name="network"/> in the file, by parameter name in PyTorch's layout, checked against its
    /// declared parameters as <paramref name="matching"/> allows (strict when omitted): tolerated parameters are left out.
    /// </summary>
    /// <param name="path">The file; its extension picks the reader.</param>
    /// <param name="network">The network.</param>
    /// <param name="matching">What may be missing, differ or be extra.</param>
    /// <exception cref="WeightsException">An extension no reader takes, or a file that does not fit: one line naming the file and what differs.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public IReadOnlyDictionary<string, HostTensor> Read(string path, Network network, WeightMatching? matching = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        matching ??= WeightMatching.Strict;
        string extension = Path.GetExtension(path).ToLowerInvariant();
        var candidates = readers.Where(r => r.Extensions.Contains(extension)).ToArray();
        if (candidates.Length == 0)
        {
            throw new WeightsException($"{path}: expected a weights file ending in {Listed(Extensions)}. Received: extension=\"{extension}\".");
        }

        var failures = new List<(IWeightFileReader Reader, WeightsException Error)>();
        foreach (var reader in candidates)
        {
            try
            {
                return reader.Read(path, network, matching);
            }
            catch (WeightsException e)
            {
                failures.Add((reader, e));
            }
        }

        if (failures.Count == 1)
        {
            throw failures[0].Error;
        }

        // A file FluentNets wrote names its network; another tool's file is better described by that tool's
        // reader, which names every key that differs, than by FluentNets' first missing name.
        bool own = IsOwn(path);
        throw failures.FirstOrDefault(f => f.Reader is SafetensorsReader == own).Error ?? failures[0].Error;
    }

    private static bool IsOwn(string path)
    {
        try
        {
            return WeightFile.ReadMetadata(path).ContainsKey("network");
        }
        catch (WeightsException)
        {
            return true;
        }
    }

    private static string Listed(IReadOnlyList<string> items) =>
        items.Count < 2 ? string.Join("", items) : $"{string.Join(", ", items.Take(items.Count - 1))} or {items[^1]}";
}
