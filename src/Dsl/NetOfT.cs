using System.Collections.Immutable;
using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets;

/// <summary>
/// An immutable handle on one node of a network under construction. Every fluent call returns a
/// new handle; reusing a handle is branching. <typeparamref name="T"/> is the layout of the
/// node's output (<see cref="Image"/> or <see cref="Vector"/>), so only the layers that make
/// sense for it can be called.
/// </summary>
/// <typeparam name="T">The output layout.</typeparam>
public sealed class Net<T>
    where T : Layout
{
    internal Net(Node node, BuildContext context, string scope, ImmutableList<AuxiliaryOutput> auxiliary)
    {
        Node = node;
        Context = context;
        Scope = scope;
        Auxiliary = auxiliary;
    }

    /// <summary>The node this handle points at.</summary>
    public Node Node { get; }

    /// <summary>The node's output shape for one example.</summary>
    public Shape Shape => Node.Shape;

    /// <summary>The node's full name.</summary>
    public string Name => Node.Name;

    /// <summary>Auxiliary outputs attached upstream of this handle.</summary>
    public IReadOnlyList<AuxiliaryOutput> Auxiliary { get; }

    internal BuildContext Context { get; }

    internal string Scope { get; }

    /// <summary>Applies a block, F#-pipe style: <c>x.Then(stem).Then(head)</c>.</summary>
    public TResult Then<TResult>(Func<Net<T>, TResult> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block(this);
    }

    /// <summary>Finishes the network with this handle as its main output.</summary>
    /// <param name="name">The network's name, as the summary prints it.</param>
    public Network ToNetwork(string name = "model") => new(name, Node, Auxiliary, Context.Strict);

    /// <inheritdoc />
    public override string ToString() => Node.ToString();

    internal Net<T> InScope(string scope) => new(Node, Context, scope, (ImmutableList<AuxiliaryOutput>)Auxiliary);

    internal Net<T> WithAuxiliary(AuxiliaryOutput output) =>
        new(Node, Context, Scope, ((ImmutableList<AuxiliaryOutput>)Auxiliary).Add(output));

    /// <summary>Adds a layer after this node.</summary>
    internal Net<TOut> Apply<TOut>(LayerSpec layer, string? name)
        where TOut : Layout => Build<TOut>(layer, name, Context, Scope, [Node], (ImmutableList<AuxiliaryOutput>)Auxiliary);

    /// <summary>
    /// Creates a node: proposes its name, infers its output (which throws on a broken rule), and
    /// only then takes the name. Nothing is recorded when it throws.
    /// </summary>
    internal static Net<TOut> Build<TOut>(
        LayerSpec layer, string? name, BuildContext context, string scope, ImmutableArray<Node> inputs, ImmutableList<AuxiliaryOutput> auxiliary)
        where TOut : Layout
    {
        var shapes = inputs.Select(n => n.Shape).ToArray();
        var inputNames = inputs.Select(n => n.Name).ToArray();
        if (name is not null && (name.Length == 0 || name.Contains('/')))
        {
            string shown = BuildContext.Path(scope, layer.NamePrefix);
            throw new NetBuildException(shown, shapes, $"{shown}: a layer name must be non-empty and contain no '/'. Received: name=\"{name}\".");
        }

        string fullName = context.Propose(scope, layer.NamePrefix, name);
        if (name is not null && context.IsTaken(fullName))
        {
            throw new NetBuildException(fullName, shapes, $"{fullName}: the name is already used by another layer or block of this network.");
        }

        var output = layer.Infer(new LayerContext(fullName, shapes, inputNames, context.Strict));
        var node = new Node(context.Commit(fullName), fullName, scope, layer, inputs, output);
        return new Net<TOut>(node, context, scope, auxiliary);
    }
}
