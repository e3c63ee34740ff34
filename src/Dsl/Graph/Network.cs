using System.Collections.Immutable;
using FluentNets.Analysis;

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
