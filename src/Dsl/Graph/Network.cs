using System.Collections.Immutable;
using FluentNets.Activations;
using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Graph;

/// <summary>
/// A finished network: its input, main output and auxiliary outputs, and every node that leads
/// to them in creation (topological) order. Immutable; analysis is computed once, on demand.
/// Which layers are frozen is part of the description: <see cref="Freeze()"/> and
/// <see cref="Unfreeze()"/> return new networks (see NetworkFreezing.cs).
/// </summary>
public sealed partial class Network
{
    private readonly Lazy<NetworkAnalysis> analysis;

    internal Network(string name, Node output, IReadOnlyList<AuxiliaryOutput> auxiliary, bool strict)
        : this(name, output, auxiliary, strict, [])
    {
    }

    private Network(string name, Node output, IReadOnlyList<AuxiliaryOutput> auxiliary, bool strict, ImmutableHashSet<int> frozen)
    {
        Name = name;
        this.frozen = frozen;
        Output = output;
        Auxiliary = auxiliary.Distinct().ToArray();
        Strict = strict;
        Nodes = Ancestors([output, .. Auxiliary.Select(a => a.Node)]);
        InferenceNodes = Ancestors([output]);
        Input = Nodes[0];
        analysis = new Lazy<NetworkAnalysis>(() => new NetworkAnalysis(this));
    }

    /// <summary>The network's name.</summary>
    public string Name { get; }

    /// <summary>The input node.</summary>
    public Node Input { get; }

    /// <summary>The main output.</summary>
    public Node Output { get; }

    /// <summary>Auxiliary outputs, used only in training.</summary>
    public IReadOnlyList<AuxiliaryOutput> Auxiliary { get; }

    /// <summary>Whether the network was built in strict mode.</summary>
    public bool Strict { get; }

    /// <summary>Every node, auxiliary heads included, inputs before the nodes that use them.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>The nodes the main output depends on: the inference graph.</summary>
    public IReadOnlyList<Node> InferenceNodes { get; }

    /// <summary>Shapes, counts, MACs, memory and receptive fields of every layer.</summary>
    public NetworkAnalysis Analysis => analysis.Value;

    /// <summary>The named outputs: the main output under its layer name, then each auxiliary head under its own name.</summary>
    public IReadOnlyList<(string Name, Node Node)> Outputs =>
        [(Output.Name, Output), .. Auxiliary.Select(a => (a.Name, a.Node))];

    /// <summary>The same network without its auxiliary heads.</summary>
    public Network WithoutAuxiliary() => Auxiliary.Count == 0 ? this : new Network(Name, Output, [], Strict, frozen.Intersect(Ancestors([Output]).Select(n => n.Id)));

    /// <summary>
    /// The network cut at a layer, for feature extraction or to locate a difference: the layer
    /// named <paramref name="name"/> becomes the main output, and what only follows it (the rest of
    /// the network and the auxiliary heads) is left out. Its parameters keep their names, so the
    /// weights of the whole network load into it by name.
    /// </summary>
    /// <param name="name">A layer's full name, e.g. <c>avg_pool</c>, <c>mixed7</c> or <c>inception_4a/concat</c>.</param>
    /// <exception cref="ArgumentException">No layer of the network has that name; the message lists the closest names.</exception>
    public Network Until(string name)
    {
        var node = Layer(name);
        return node == Output && Auxiliary.Count == 0 ? this : new Network(Name, node, [], Strict);
    }

    /// <summary>The node of the layer named <paramref name="name"/>, the input included.</summary>
    /// <param name="name">A layer's full name, e.g. <c>avg_pool</c>, <c>mixed7</c> or <c>inception_4a/concat</c>.</param>
    /// <exception cref="ArgumentException">No layer of the network has that name; the message lists the closest names.</exception>
    public Node Layer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var node = Nodes.FirstOrDefault(n => n.Name == name);
        if (node is null)
        {
            var close = Nodes.Select(n => n.Name)
                .OrderBy(n => n.StartsWith(name, StringComparison.Ordinal) || name.StartsWith(n, StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(n => Math.Abs(n.Length - name.Length))
                .Take(5);
            throw new ArgumentException(
                $"Expected the name of a layer of {Name}. Received: name=\"{name}\". Layers with close names: {string.Join(", ", close)}.", nameof(name));
        }

        return node;
    }

    /// <summary>
    /// The same network giving logits: a softmax fused into the last Dense is dropped, or a
    /// final softmax layer is cut off. Parameter names are unchanged, so the same weights load.
    /// </summary>
    /// <exception cref="InvalidOperationException">The network does not end in a softmax.</exception>
    public Network Logits()
    {
        switch (Output.Layer)
        {
            case Dense { Activation: Softmax } dense:
                var linear = new Node(Output.Id, Output.Name, Output.Scope, dense with { Activation = Activation.None }, Output.Inputs, new LayerOutput(Output.Shape, Output.Window));
                return new Network(Name, linear, [], Strict);
            case ActivationLayer { Function: Softmax }:
                return new Network(Name, Output.Inputs[0], [], Strict);
            default:
                throw new InvalidOperationException(
                    $"{Name}: logits are the input of a final softmax, but the network ends in {Output.Name} ({Output.Layer.KerasType}) without one.");
        }
    }

    /// <summary>The Keras-style summary table.</summary>
    /// <param name="depth">0 for every layer; 1 folds each top-level block into one row with its totals.</param>
    public string Summary(int depth = 0) => Analysis.ToTable(depth);

    private static Node[] Ancestors(IEnumerable<Node> roots)
    {
        var seen = new Dictionary<int, Node>();
        var stack = new Stack<Node>(roots);
        while (stack.TryPop(out var node))
        {
            if (seen.TryAdd(node.Id, node))
            {
                foreach (var input in node.Inputs)
                {
                    stack.Push(input);
                }
            }
        }

        return seen.Values.OrderBy(n => n.Id).ToArray();
    }
}
