using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>An activation layer: its module in <see cref="PyActivations"/>; an output's softmax is skipped when forward() is asked for logits.</summary>
internal sealed class ActivationLayerPy : PyLayer<ActivationLayer>
{
    /// <inheritdoc />
    protected override string? Module(ActivationLayer spec, Node node) => PyActivations.Module(spec.Function, node.Name);

    /// <inheritdoc />
    protected override void Forward(ActivationLayer spec, PyForward forward)
    {
        if (spec.Function is Activations.Softmax && forward.IsOutput)
        {
            forward.Assign($"{forward.Inputs[0]} if logits else {forward.Call}");
            return;
        }

        forward.Assign(forward.Call);
    }
}
