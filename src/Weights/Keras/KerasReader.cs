using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Weights;

/// <summary>Keras's HDF5 weight files (<see cref="KerasWeights"/>): keras.applications' legacy <c>.h5</c> by layer name, Keras 3's <c>.weights.h5</c> by structure.</summary>
public sealed class KerasReader : IWeightFileReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".h5", ".hdf5"];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, HostTensor> Read(string path, Network network, WeightMatching matching) => KerasWeights.Load(path, network, matching);
}
