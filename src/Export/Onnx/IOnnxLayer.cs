using FluentNets.Graph;

namespace FluentNets.Export.Onnx;

/// <summary>
/// How the ONNX exporter writes one kind of layer spec. Each kind has its class under <c>Layers/</c>,
/// derived from <see cref="OnnxLayer{TSpec}"/> and found by <see cref="OnnxLayers"/>.
/// </summary>
internal interface IOnnxLayer
{
    /// <summary>The kind of layer spec written.</summary>
    Type Spec { get; }

    /// <summary>Appends the node's ONNX nodes, its output tensor named as the layer.</summary>
    /// <param name="builder">The graph being built.</param>
    /// <param name="node">A node of this kind.</param>
    /// <exception cref="ExportException">This configuration of the layer has no ONNX form.</exception>
    void Emit(OnnxGraphBuilder builder, Node node);
}
