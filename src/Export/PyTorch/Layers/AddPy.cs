using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>Add: the inputs' sum, in forward().</summary>
internal sealed class AddPy : PyLayer<Layers.Add>
{
    /// <inheritdoc />
    protected override string? Module(Layers.Add spec, Node node) => null;

    /// <inheritdoc />
    protected override void Forward(Layers.Add spec, PyForward forward) => forward.Assign(string.Join(" + ", forward.Inputs));
}
