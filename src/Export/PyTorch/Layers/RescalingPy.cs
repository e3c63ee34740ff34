using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Rescaling: model.py's <c>KerasRescaling</c>, its scale and offset constants (not state).</summary>
internal sealed class RescalingPy : PyLayer<Rescaling>
{
    /// <inheritdoc />
    protected override string? Module(Rescaling spec, Node node) => $"KerasRescaling({ModelPy.Numbers(spec.Scale)}, {ModelPy.Numbers(spec.Offset)})";
}
