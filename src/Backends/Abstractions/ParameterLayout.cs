using FluentNets.Graph;

namespace FluentNets.Backends;

/// <summary>
/// The state every backend allocates for a network, as its layers declare it
/// (<see cref="Layers.LayerSpec.Parameters"/>): names and PyTorch-layout shapes, so weights move between
/// backends and files by name.
/// </summary>
public static class ParameterLayout
{
    /// <summary>
    /// The state of every node of <paramref name="network"/>, auxiliary heads included, in node order;
    /// a frozen layer's parameters are not trainable (their names and shapes do not change).
    /// </summary>
    public static IReadOnlyList<ParameterInfo> Of(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Nodes.SelectMany(n => network.IsFrozen(n) ? Of(n).Select(p => p with { Trainable = false }) : Of(n)).ToArray();
    }

    /// <summary>The state of one node: <c>{layer}.{role}</c> for each parameter its spec declares.</summary>
    public static IEnumerable<ParameterInfo> Of(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Parameters.Select(p => new ParameterInfo(p.NameOn(node.Name), p.Shape, p.Trainable) { Layer = node, Spec = p });
    }
}
