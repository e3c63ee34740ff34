namespace FluentNets.Layers;

/// <summary>Flattens an image to a vector in (H, W, C) order, as Keras does.</summary>
public sealed record Flatten : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Flatten";

    /// <inheritdoc />
    public override string NamePrefix => "flatten";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        long n = context.Input.Elements;
        if (n > int.MaxValue)
        {
            throw context.Fail($"flattening {context.Input} gives {n:N0} features, more than {int.MaxValue:N0}.");
        }

        return new LayerOutput(Shape.Vector((int)n));
    }
}
