namespace FluentNets.Layers;

/// <summary>Max or average over all positions of each channel, giving a vector.</summary>
/// <param name="Kind">Max or average.</param>
public sealed record GlobalPooling2D(PoolKind Kind) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => Kind == PoolKind.Max ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D";

    /// <inheritdoc />
    public override string NamePrefix => Kind == PoolKind.Max ? "global_max_pooling2d" : "global_average_pooling2d";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context) => new(Shape.Vector(context.Input.Channels));
}
