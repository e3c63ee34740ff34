using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// Element-wise product of inputs of one shape; a C-vector or 1x1xC image is broadcast over an
/// HxWxC image (squeeze-and-excitation's channel scale).
/// </summary>
public sealed record Multiply : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Multiply";

    /// <inheritdoc />
    public override string NamePrefix => "multiply";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        var target = context.Inputs.OrderByDescending(s => s.Elements).First();
        bool Fits(Shape s) => s.Equals(target) ||
            (target.IsImage && s.Channels == target.Channels && (!s.IsImage || (s.Height == 1 && s.Width == 1)));
        if (!context.Inputs.All(Fits))
        {
            throw context.Fail(
                $"Multiply needs inputs of one shape, or a C-vector or 1x1xC image with an HxWxC image; received {context.DescribeInputs()}.");
        }

        return new LayerOutput(target);
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
