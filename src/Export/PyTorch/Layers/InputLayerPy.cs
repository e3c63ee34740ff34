using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>The input is forward()'s argument, named as the layer's attribute: no module, no line.</summary>
internal sealed class InputLayerPy : PyLayer<InputLayer>
{
    /// <inheritdoc />
    protected override string? Module(InputLayer spec, Node node) => null;

    /// <inheritdoc />
    protected override void Forward(InputLayer spec, PyForward forward)
    {
    }
}
