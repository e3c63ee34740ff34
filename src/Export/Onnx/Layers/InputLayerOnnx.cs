using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>The input is the graph's input tensor, named as the layer: no node.</summary>
internal sealed class InputLayerOnnx : OnnxLayer<InputLayer>
{
    /// <inheritdoc />
    protected override void Emit(InputLayer spec, OnnxGraphBuilder builder, Node node)
    {
    }
}
