using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Weights;

/// <summary>
/// PyTorch state dicts (<see cref="PyTorchWeights"/>): <c>.pth</c> and <c>.pt</c> files written by <c>torch.save</c>,
/// and safetensors files with PyTorch's keys (<c>safetensors.torch.save_file</c> of a torchvision model).
/// </summary>
public sealed class PyTorchReader : IWeightFileReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".pth", ".pt", ".safetensors"];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, HostTensor> Read(string path, Network network, WeightMatching matching) => PyTorchWeights.StateFor(network, path, matching);
}
