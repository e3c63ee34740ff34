using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>Max or average over all positions of each channel, giving a vector, or a 1x1 map with <see cref="KeepDims"/>.</summary>
/// <param name="Kind">Max or average.</param>
/// <param name="KeepDims">Keras's <c>keepdims=True</c>: a 1x1xC image instead of a C-vector.</param>
public sealed record GlobalPooling2D(PoolKind Kind, bool KeepDims = false) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => Kind == PoolKind.Max ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D";

    /// <inheritdoc />
    public override string NamePrefix => Kind == PoolKind.Max ? "global_max_pooling2d" : "global_average_pooling2d";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context) =>
        new(KeepDims ? Shape.Image(1, 1, context.Input.Channels) : Shape.Vector(context.Input.Channels));

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input.Covering(node.Inputs[0].Shape);
}
