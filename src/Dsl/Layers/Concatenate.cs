using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>Concatenates images along channels (their heights and widths must match) or vectors end to end.</summary>
public sealed record Concatenate : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Concatenate";

    /// <inheritdoc />
    public override string NamePrefix => "concatenate";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        var first = context.Input;
        if (context.Inputs.Any(s => s.IsImage != first.IsImage ||
                (first.IsImage && (s.Height != first.Height || s.Width != first.Width))))
        {
            throw context.Fail(
                $"Concatenate needs inputs with equal height and width; received {context.DescribeInputs()}.");
        }

        int channels = context.Inputs.Sum(s => s.Channels);
        return new LayerOutput(first.IsImage ? Shape.Image(first.Height, first.Width, channels) : Shape.Vector(channels));
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
