using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>The ONNX form of one kind of layer spec.</summary>
/// <typeparam name="TSpec">The kind of layer spec.</typeparam>
internal abstract class OnnxLayer<TSpec> : IOnnxLayer
    where TSpec : LayerSpec
{
    /// <inheritdoc />
    public Type Spec => typeof(TSpec);

    /// <inheritdoc />
    public void Emit(OnnxGraphBuilder builder, Node node) => Emit((TSpec)node.Layer, builder, node);

    /// <summary>Appends the node's ONNX nodes.</summary>
    /// <param name="spec">The node's layer spec.</param>
    /// <param name="builder">The graph being built.</param>
    /// <param name="node">The node.</param>
    protected abstract void Emit(TSpec spec, OnnxGraphBuilder builder, Node node);

    /// <summary>The names of the node's input tensors, which are its input layers' names.</summary>
    protected static string[] Inputs(Node node) => node.Inputs.Select(i => i.Name).ToArray();
}
