using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>The model.py form of one kind of layer spec, with the helpers the kinds share.</summary>
/// <typeparam name="TSpec">The kind of layer spec.</typeparam>
internal abstract class PyLayer<TSpec> : IPyLayer
    where TSpec : LayerSpec
{
    /// <inheritdoc />
    public Type Spec => typeof(TSpec);

    /// <inheritdoc />
    public string? Module(Node node) => Module((TSpec)node.Layer, node);

    /// <inheritdoc />
    public void Forward(PyForward forward) => Forward((TSpec)forward.Node.Layer, forward);

    /// <summary>The expression assigned to the layer's attribute, or null for none.</summary>
    /// <param name="spec">The node's layer spec.</param>
    /// <param name="node">The node.</param>
    protected abstract string? Module(TSpec spec, Node node);

    /// <summary>The node's lines in <c>forward()</c>: by default its module called on its input.</summary>
    /// <param name="spec">The node's layer spec.</param>
    /// <param name="forward">The node, its variable and its inputs'.</param>
    protected virtual void Forward(TSpec spec, PyForward forward) => forward.Assign(forward.Call);

    /// <summary>The channels of the node's first input.</summary>
    protected static int InputChannels(Node node) => node.Inputs.Length > 0 ? node.Inputs[0].Shape.Channels : 0;

    /// <summary>
    /// The module's call with the fused activation applied; an output's softmax only when <c>logits</c> is
    /// false, so forward(x, logits=True) gives what cross_entropy takes.
    /// </summary>
    protected static void Activated(PyForward forward, Activation activation)
    {
        string v = forward.Variable;
        string Apply(string x) => PyActivations.Call(activation, x, v);

        if (activation is Activations.Softmax && forward.IsOutput)
        {
            forward.Assign(forward.Call);
            forward.Line("if not logits:");
            forward.Line($"    {v} = {Apply(v)}");
            return;
        }

        forward.Assign(Apply(forward.Call));
    }
}
