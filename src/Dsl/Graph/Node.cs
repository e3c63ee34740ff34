using System.Collections.Immutable;
using FluentNets.Layers;

namespace FluentNets.Graph;

/// <summary>
/// One layer applied to its inputs: an immutable vertex of the network's DAG, with everything the
/// analysis and the backends need resolved when it was created.
/// </summary>
public sealed class Node
{
    internal Node(int id, string name, string scope, LayerSpec layer, ImmutableArray<Node> inputs, LayerOutput output)
    {
        Id = id;
        Name = name;
        Scope = scope;
        Layer = layer;
        Inputs = inputs;
        Shape = output.Shape;
        Window = output.Window;
        var inputShapes = InputShapes;
        Parameters = layer.Parameters(inputShapes, Shape);
        Params = layer.Params(inputShapes, Shape);
        Macs = layer.Macs(inputShapes, Shape);
    }

    /// <summary>Creation order within its network; inputs always have smaller ids.</summary>
    public int Id { get; }

    /// <summary>Full path name, e.g. <c>inception_3a/3x3_reduce</c>.</summary>
    public string Name { get; }

    /// <summary>The block path the node was created in (<c>inception_3a</c>), empty at top level.</summary>
    public string Scope { get; }

    /// <summary>The layer's specification.</summary>
    public LayerSpec Layer { get; }

    /// <summary>The nodes whose outputs feed this one, in order.</summary>
    public ImmutableArray<Node> Inputs { get; }

    /// <summary>Output shape of one example.</summary>
    public Shape Shape { get; }

    /// <summary>The resolved window (kernel, stride, dilation, pads) of a convolution or pooling layer.</summary>
    public Window2D? Window { get; }

    /// <summary>The layer's parameters and saved state, as its spec declares them for these inputs.</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>Trainable and non-trainable parameters.</summary>
    public ParamCount Params { get; }

    /// <summary>Multiply-accumulates for one example.</summary>
    public long Macs { get; }

    /// <summary>The shapes of the inputs, in order.</summary>
    public IReadOnlyList<Shape> InputShapes => Inputs.Select(n => n.Shape).ToArray();

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Layer.KerasType}) -> {Shape}";
}
