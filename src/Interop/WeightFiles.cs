using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Interop;

/// <summary>
/// Weight files by extension: the one place that knows which reader a file needs, for the library
/// and for every command that takes <c>--weights</c>.
/// </summary>
public static class WeightFiles
{
    /// <summary>The extensions <see cref="Read"/> understands, as the CLI's help lists them.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".safetensors", ".h5"];

    /// <summary>
    /// Reads the weights of <paramref name="network"/> from <paramref name="path"/>: FluentNets'
    /// safetensors (<see cref="WeightFile"/>) or Keras's HDF5, legacy or Keras 3 (<see cref="KerasWeights"/>).
    /// </summary>
    /// <param name="path">The file; its extension picks the reader.</param>
    /// <param name="network">The network the weights are for (Keras files are matched against it).</param>
    /// <returns>Tensors by parameter name in PyTorch's layouts.</returns>
    /// <exception cref="WeightsException">An unknown extension, or a file its reader rejects; one line.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Read(string path, Network network)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".safetensors" => WeightFile.Load(path),
            ".h5" or ".hdf5" => KerasWeights.Load(path, network),
            var other => throw new WeightsException(
                $"{path}: expected a weights file ending in {string.Join(" or ", Extensions)}. Received: extension=\"{other}\"."),
        };
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
        compiled.SetState(Checked(path, compiled.Network));
    }

    /// <summary>Reads a weights file and checks it against <paramref name="network"/>'s parameters, without a backend.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="network">The network.</param>
    /// <returns>Tensors by parameter name.</returns>
    /// <exception cref="WeightsException">The file cannot be read, or its tensors are not the network's.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Checked(string path, Network network)
    {
        var state = Read(path, network);
        try
        {
            StateCheck.Validate(ParameterLayout.Of(network), state);
        }
        catch (WeightsException e)
        {
            throw new WeightsException($"{path}: {e.Message}");
        }

        return state;
    }
}
