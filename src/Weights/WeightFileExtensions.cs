using FluentNets.Backends;
namespace FluentNets.Weights;

/// <summary>Saves and loads a compiled network's weights as a <see cref="WeightFile"/>.</summary>
public static class WeightFileExtensions
{
    /// <summary>
    /// Writes every parameter and buffer of <paramref name="network"/> to a safetensors file, with
    /// the network's and the backend's names in its metadata.
    /// </summary>
    /// <param name="network">The compiled network.</param>
    /// <param name="path">The file to write.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(this ICompiledNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        WeightFile.Save(path, network.GetState(), Metadata(network));
    }

    /// <summary>
    /// Writes every parameter and buffer of <paramref name="network"/> through a claim taken with
    /// <see cref="WeightFileTarget.Open"/>, as <see cref="Save(ICompiledNetwork, string)"/> does.
    /// </summary>
    /// <param name="network">The compiled network.</param>
    /// <param name="target">The claimed file.</param>
    /// <exception cref="IOException">The file cannot be written: the partial file is removed and the target left as it was.</exception>
    public static void Save(this ICompiledNetwork network, WeightFileTarget target)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(target);
        target.Write(network.GetState(), Metadata(network));
    }

    private static Dictionary<string, string> Metadata(ICompiledNetwork network) => new()
    {
        ["network"] = network.Network.Name,
        ["backend"] = network.Backend,
    };

    /// <summary>
    /// Replaces every parameter and buffer of <paramref name="network"/> with those of a safetensors
    /// file, after checking the file against the network's <see cref="ParameterLayout"/>: nothing
    /// changes when it does not fit.
    /// </summary>
    /// <param name="network">The compiled network.</param>
    /// <param name="path">The file to read.</param>
    /// <exception cref="WeightsException">
    /// The file cannot be read as safetensors, or its tensors are not the network's: the message names
    /// the file and the first parameter that is missing, unexpected or of another shape, with both shapes.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void Load(this ICompiledNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        var state = WeightFile.Load(path);
        try
        {
            StateCheck.Validate(ParameterLayout.Of(network.Network), state);
        }
        catch (WeightsException e)
        {
            throw new WeightsException($"{path}: {e.Message}");
        }

        network.SetState(state);
    }
}
