using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Weights;

/// <summary>FluentNets' own safetensors files (<see cref="WeightFile"/>): tensors under FluentNets' parameter names.</summary>
public sealed class SafetensorsReader : IWeightFileReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".safetensors"];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, HostTensor> Read(string path, Network network, WeightMatching matching)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(matching);
        var file = WeightFile.Load(path);
        var state = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        var expected = ParameterLayout.Of(network);
        foreach (var p in expected)
        {
            if (!file.TryGetValue(p.Name, out var tensor))
            {
                if (!matching.Tolerates(network, p, missing: true))
                {
                    throw new WeightsException($"{path}: {p.Name}: missing from the weights; the network has {p.ShapeText}.");
                }
            }
            else if (!tensor.Shape.SequenceEqual(p.Shape))
            {
                if (!matching.Tolerates(network, p, missing: false))
                {
                    throw new WeightsException($"{path}: {p.Name}: the weights have {tensor.ShapeText} but the network has {p.ShapeText}.");
                }
            }
            else
            {
                state[p.Name] = tensor;
            }
        }

        var names = expected.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (!matching.IgnoresUnexpected && file.Keys.FirstOrDefault(k => !names.Contains(k)) is { } extra)
        {
            throw new WeightsException($"{path}: {extra}: in the weights ({file[extra].ShapeText}) but not in the network.");
        }

        return state;
    }
}
