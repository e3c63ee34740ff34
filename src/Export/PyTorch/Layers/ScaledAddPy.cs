using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>ScaledAdd: x + scale * r, in forward().</summary>
internal sealed class ScaledAddPy : PyLayer<ScaledAdd>
{
    /// <inheritdoc />
    protected override string? Module(ScaledAdd spec, Node node) => null;

    /// <inheritdoc />
    protected override void Forward(ScaledAdd spec, PyForward forward) =>
        forward.Assign($"{forward.Inputs[0]} + {ModelPy.Number(spec.Scale)} * {forward.Inputs[1]}");
}
