using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>
/// LayerScale: the attribute is the parameter itself, an <c>nn.Parameter</c> of the declared shape, as
/// torchvision's <c>CNBlock.layer_scale</c>; its state-dict key is the attribute, as FluentNets' is the
/// layer's name; forward() multiplies by it.
/// </summary>
internal sealed class LayerScalePy : PyLayer<LayerScale>
{
    /// <inheritdoc />
    protected override string? Module(LayerScale spec, Node node)
    {
        var shape = node.Parameters.Single().Shape;
        return $"nn.Parameter(torch.full(({string.Join(", ", shape)}{(shape.Count == 1 ? "," : "")}), {ModelPy.Number(spec.InitialValue)}))";
    }

    /// <inheritdoc />
    protected override void Forward(LayerScale spec, PyForward forward) => forward.Assign($"{forward.Inputs[0]} * self.{forward.Variable}");
}
