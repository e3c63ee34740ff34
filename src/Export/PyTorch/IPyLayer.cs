using FluentNets.Graph;

namespace FluentNets.Export.PyTorch;

/// <summary>
/// How model.py writes one kind of layer spec: the module its attribute holds, and its lines in
/// <c>forward()</c>. Each kind has its class under <c>Layers/</c>, derived from <see cref="PyLayer{TSpec}"/>
/// and found by <see cref="PyLayers"/>.
/// </summary>
internal interface IPyLayer
{
    /// <summary>The kind of layer spec written.</summary>
    Type Spec { get; }

    /// <summary>The expression assigned to the layer's attribute in <c>__init__</c>, or null for a layer that is an expression in <c>forward()</c> (a merge).</summary>
    /// <param name="node">A node of this kind.</param>
    /// <exception cref="ExportException">This configuration of the layer has no PyTorch form.</exception>
    string? Module(Node node);

    /// <summary>Writes the node's lines in <c>forward()</c>.</summary>
    /// <param name="forward">The node, its variable and its inputs'.</param>
    void Forward(PyForward forward);
}
