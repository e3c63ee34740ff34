using System.Collections.Immutable;

namespace FluentNets.Graph;

/// <summary>
/// Freezing: a frozen layer keeps its weights while the rest trains (Keras's
/// <c>layer.trainable = False</c>). Its parameters count as non-trainable in the analysis and the
/// summary, backends compute no gradient for them, and a frozen BatchNormalization runs in
/// inference mode (on its moving statistics), as in Keras 3. Freezing changes no parameter names
/// or shapes, so weight files load the same either way.
/// </summary>
public sealed partial class Network
{
    private readonly ImmutableHashSet<int> frozen;

    /// <summary>Whether any layer is frozen.</summary>
    public bool HasFrozenLayers => !frozen.IsEmpty;

    /// <summary>Whether <paramref name="node"/>'s parameters are frozen.</summary>
    public bool IsFrozen(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return frozen.Contains(node.Id) && Contains(node);
    }

    /// <summary>This network with every layer frozen.</summary>
    public Network Freeze() => With(frozen.Union(Nodes.Select(n => n.Id)));

    /// <summary>
    /// This network with the layer called <paramref name="name"/> frozen, or every layer of the block
    /// called <paramref name="name"/> (<c>Freeze("block5")</c> freezes <c>block5/conv1</c>,
    /// <c>block5/bn1</c>...).
    /// </summary>
    /// <exception cref="ArgumentException">No layer or block has that name; the message lists the top-level blocks and layers.</exception>
    public Network Freeze(string name) => With(frozen.Union(Named(name).Select(n => n.Id)));

    /// <summary>
    /// This network with <paramref name="node"/> and everything it is computed from frozen: the base
    /// under a new head, as in <c>network.FreezeUpTo(baseOutput.Node)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The node is not part of this network.</exception>
    public Network FreezeUpTo(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!Contains(node))
        {
            throw new ArgumentException($"{node.Name}: not a layer of {Name}, so there is nothing to freeze up to.", nameof(node));
        }

        return With(frozen.Union(Ancestors([node]).Select(n => n.Id)));
    }

    /// <summary>This network with the layer named <paramref name="name"/> and everything it is computed from frozen.</summary>
    /// <exception cref="ArgumentException">No layer has that name.</exception>
    public Network FreezeUpTo(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var node = Nodes.FirstOrDefault(n => n.Name == name)
            ?? throw new ArgumentException($"{name}: no layer of {Name} has that name. Layers: {Sample()}.", nameof(name));
        return FreezeUpTo(node);
    }

    /// <summary>This network with every layer trainable again.</summary>
    public Network Unfreeze() => frozen.IsEmpty ? this : With([]);

    /// <summary>This network with the layer or block called <paramref name="name"/> trainable again.</summary>
    /// <exception cref="ArgumentException">No layer or block has that name.</exception>
    public Network Unfreeze(string name) => With(frozen.Except(Named(name).Select(n => n.Id)));

    private Network With(ImmutableHashSet<int> ids) => ids.SetEquals(frozen) ? this : new Network(Name, Output, Auxiliary, Strict, ids);

    private bool Contains(Node node)
    {
        int index = BinarySearch(node.Id);
        return index >= 0 && ReferenceEquals(Nodes[index], node);
    }

    private int BinarySearch(int id)
    {
        int low = 0, high = Nodes.Count - 1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            int found = Nodes[middle].Id;
            if (found == id)
            {
                return middle;
            }

            if (found < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private Node[] Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nodes = Nodes.Where(n => n.Name == name || n.Name.StartsWith(name + "/", StringComparison.Ordinal)).ToArray();
        return nodes.Length > 0
            ? nodes
            : throw new ArgumentException($"{name}: no layer or block of {Name} has that name. Top-level names: {Sample()}.", nameof(name));
    }

    private string Sample()
    {
        var names = Nodes.Select(n => n.Name.Split('/')[0]).Distinct().ToArray();
        return names.Length <= 12 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(6))} ... {string.Join(", ", names.TakeLast(3))} ({names.Length} in all)";
    }
}
