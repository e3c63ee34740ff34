using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// Keras's <c>Reshape</c> between an image and a vector of as many values, in Keras's (H, W, C) order:
/// a C-vector to a 1x1xC image (EfficientNet's squeeze-and-excitation) or a 1x1xC image to a C-vector
/// (MobileNet's head after its 1x1 classifier).
/// </summary>
/// <param name="Target">The output shape.</param>
public sealed record Reshape(Shape Target) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Reshape";

    /// <inheritdoc />
    public override string NamePrefix => "reshape";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Target is not null && Target.Dims.All(d => d > 0), $"target sizes must be positive. Received: target={Target}.");
        if (Target!.Elements != context.Input.Elements)
        {
            throw context.Fail($"total size of the new array must be unchanged: {context.Input} has {context.Input.Elements} values, {Target} has {Target.Elements}.");
        }

        if (context.Input.IsImage && Target.IsImage)
        {
            throw context.Fail($"Reshape goes between an image and a vector; {context.Input} to {Target} would move values across positions. Use Flatten, or Reshape to a vector first.");
        }

        return new LayerOutput(Target);
    }

    /// <inheritdoc />
    /// <remarks>
    /// An image becomes a vector (an image to an image is refused above), whose every feature may see the
    /// whole map; a vector's field is kept, as <see cref="ReceptiveField.Covering"/> leaves it.
    /// </remarks>
    public override ReceptiveField Field(ReceptiveField input, Node node) => input.Covering(node.Inputs[0].Shape);
}
