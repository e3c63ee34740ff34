using FluentNets.Graph;

namespace FluentNets.Backends;

/// <summary>
/// A reader of another tool's weight files that a backend brings (PyTorch's <c>torch.save</c> state dicts
/// need libtorch), registered in <see cref="WeightFileReaders"/> so that the one dispatch by extension finds it.
/// </summary>
public interface IWeightFileReader
{
    /// <summary>The extensions it reads, lower case with the dot, e.g. <c>.pth</c>; <c>.safetensors</c> when it reads
    /// safetensors files with its own keys, tried when a file is not FluentNets' own.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>The state of <paramref name="network"/> read from <paramref name="path"/>, by parameter name, checked against the network.</summary>
    /// <param name="path">The file.</param>
    /// <param name="network">The network the file should fit.</param>
    /// <exception cref="WeightsException">The file cannot be read or does not fit: one line naming what differs, with both shapes.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    IReadOnlyDictionary<string, HostTensor> Read(string path, Network network);
}
