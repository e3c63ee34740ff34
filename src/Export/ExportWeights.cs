using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Export;

/// <summary>Checks the weights an export is given against the network's <see cref="ParameterLayout"/>.</summary>
internal static class ExportWeights
{
    /// <summary>The tensor named <paramref name="name"/>, checked against its expected shape.</summary>
    /// <exception cref="ExportException">It is missing or of another shape.</exception>
    public static HostTensor Get(IReadOnlyDictionary<string, HostTensor> weights, string name, IReadOnlyList<int> shape)
    {
        if (!weights.TryGetValue(name, out var tensor))
        {
            throw new ExportException($"weights: expected a tensor '{name}' of shape [{string.Join(", ", shape)}], found none.");
        }

        if (!tensor.Shape.SequenceEqual(shape))
        {
            throw new ExportException(
                $"weights: expected '{name}' of shape [{string.Join(", ", shape)}], found [{string.Join(", ", tensor.Shape)}].");
        }

        return tensor;
    }

    /// <summary>Checks that every parameter and buffer of the nodes is present with its shape.</summary>
    /// <exception cref="ExportException">One is missing or of another shape.</exception>
    public static void Validate(IEnumerable<Node> nodes, IReadOnlyDictionary<string, HostTensor> weights)
    {
        foreach (var p in nodes.SelectMany(ParameterLayout.Of))
        {
            Get(weights, p.Name, p.Shape);
        }
    }
}
