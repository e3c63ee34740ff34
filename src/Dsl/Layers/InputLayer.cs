using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>The network's input.</summary>
/// <param name="Shape">Shape of one example.</param>
public sealed record InputLayer(Shape Shape) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "InputLayer";

    /// <inheritdoc />
    public override string NamePrefix => "input";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context) => new(Shape);

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => ReceptiveField.Input;
}
