using FluentNets.Graph;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// <see cref="PyTorchWeights"/> as a <see cref="IWeightFileReader"/>: <c>.pth</c> and <c>.pt</c> files written by
/// <c>torch.save</c>, and safetensors files with torchvision's keys. <see cref="TorchSharpServiceCollectionExtensions.AddTorchSharpBackend"/>
/// registers it in <see cref="WeightFileReaders"/>.
/// </summary>
public sealed class PyTorchWeightFileReader : IWeightFileReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".pth", ".pt", ".safetensors"];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, HostTensor> Read(string path, Network network) => PyTorchWeights.StateFor(network, path);
}
