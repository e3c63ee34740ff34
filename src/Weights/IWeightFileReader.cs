using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Weights;

/// <summary>
/// A reader of one weight-file format, registered through dependency injection (<see cref="WeightsServiceCollectionExtensions.AddWeightFiles"/>
/// registers FluentNets' safetensors, Keras's HDF5 and PyTorch's state dicts; an application adds its own the same way),
/// so that <see cref="WeightReaders"/> picks it by the file's extension.
/// </summary>
public interface IWeightFileReader
{
    /// <summary>The extensions it reads, lower case with the dot, e.g. <c>.pth</c>. Several readers may share one (<c>.safetensors</c>): they are tried in turn.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// The file's tensors for <paramref name="network"/>, by parameter name in PyTorch's layout, checked against
    /// the network: every parameter is there with its shape except those <paramref name="matching"/> tolerates, which
    /// are left out.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="network">The network the file should fit.</param>
    /// <param name="matching">What may be missing, differ or be extra.</param>
    /// <exception cref="WeightsException">The file cannot be read or does not fit: one line naming what differs, with both shapes.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    IReadOnlyDictionary<string, HostTensor> Read(string path, Network network, WeightMatching matching);
}
