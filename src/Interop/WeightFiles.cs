using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Interop;

/// <summary>
/// Weight files by extension: the one place that knows which reader a file needs, for the library
/// and for every command that takes <c>--weights</c>. FluentNets' safetensors and Keras's HDF5 are
/// built in; a backend adds other tools' formats to <see cref="WeightFileReaders"/> (the TorchSharp
/// backend PyTorch's <c>.pth</c>, <c>.pt</c> and torchvision-keyed safetensors).
/// </summary>
public static class WeightFiles
{
    private static readonly string[] BuiltIn = [".safetensors", ".h5", ".hdf5"];

    /// <summary>The extensions <see cref="Read"/> understands now: the built-in ones, then the registered readers'.</summary>
    public static IReadOnlyList<string> Extensions =>
        [.. BuiltIn.Where(e => e != ".hdf5"), .. WeightFileReaders.All.SelectMany(r => r.Extensions).Except(BuiltIn).Distinct()];

    /// <summary>
    /// Reads the weights of <paramref name="network"/> from <paramref name="path"/> and checks them
    /// against its <see cref="ParameterLayout"/>: Keras's HDF5, legacy or Keras 3 (<see cref="KerasWeights"/>),
    /// by layer name; a safetensors file, FluentNets' own (<see cref="WeightFile"/>) or, when that does
    /// not fit, one a registered reader takes (torchvision's keys); any other extension by the
    /// registered reader that claims it.
    /// </summary>
    /// <param name="path">The file; its extension picks the reader.</param>
    /// <param name="network">The network the weights are for.</param>
    /// <returns>Tensors by parameter name in PyTorch's layouts.</returns>
    /// <exception cref="WeightsException">
    /// An unknown extension, or a file its reader rejects: one line naming the file and what differs, with
    /// both shapes. For a safetensors file that no reader takes, the message is its own reader's when the file
    /// says it is FluentNets' (its metadata names a network), else the registered reader's.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Read(string path, Network network)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".h5" or ".hdf5":
                return Validated(path, network, KerasWeights.Load(path, network));
            case ".safetensors":
                return Safetensors(path, network);
        }

        var reader = WeightFileReaders.All.FirstOrDefault(r => r.Extensions.Contains(extension))
            ?? throw new WeightsException(
                $"{path}: expected a weights file ending in {Listed(Extensions)}. Received: extension=\"{extension}\".");
        return reader.Read(path, network);
    }

    /// <summary>
    /// Replaces every parameter and buffer of <paramref name="compiled"/> with those of a weights
    /// file of any format <see cref="Read"/> knows, after checking them against the network's
    /// <see cref="ParameterLayout"/>: nothing changes when they do not fit.
    /// </summary>
    /// <param name="compiled">The compiled network.</param>
    /// <param name="path">The file to read.</param>
    /// <exception cref="WeightsException">The file cannot be read, or its tensors are not the network's.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void LoadWeights(this ICompiledNetwork compiled, string path)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        compiled.SetState(Read(path, compiled.Network));
    }

    /// <summary>Reads a weights file and checks it against <paramref name="network"/>'s parameters, without a backend: <see cref="Read"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="network">The network.</param>
    /// <returns>Tensors by parameter name.</returns>
    /// <exception cref="WeightsException">The file cannot be read, or its tensors are not the network's.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Checked(string path, Network network) => Read(path, network);

    private static IReadOnlyDictionary<string, HostTensor> Safetensors(string path, Network network)
    {
        WeightsException own;
        try
        {
            return Validated(path, network, WeightFile.Load(path));
        }
        catch (WeightsException e)
        {
            own = e;
        }

        var others = WeightFileReaders.All.Where(r => r.Extensions.Contains(".safetensors")).ToList();
        WeightsException? first = null;
        foreach (var reader in others)
        {
            try
            {
                return reader.Read(path, network);
            }
            catch (WeightsException e)
            {
                first ??= e;
            }
        }

        // A file FluentNets wrote names its network; another tool's file is better described by that tool's
        // reader, which names every key that differs, than by FluentNets' first missing name.
        throw first is null || IsOwn(path) ? own : first;
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

    private static IReadOnlyDictionary<string, HostTensor> Validated(string path, Network network, IReadOnlyDictionary<string, HostTensor> state)
    {
        try
        {
            StateCheck.Validate(ParameterLayout.Of(network), state);
        }
        catch (WeightsException e)
        {
            throw e.Message.StartsWith(path, StringComparison.Ordinal) ? e : new WeightsException($"{path}: {e.Message}");
        }

        return state;
    }

    private static string Listed(IReadOnlyList<string> items) =>
        items.Count < 2 ? string.Join("", items) : $"{string.Join(", ", items.Take(items.Count - 1))} or {items[^1]}";
}
