using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// Keras's <c>Rescaling</c>: x * scale + offset, each one value for every channel or one per channel
/// (MobileNetV3's and EfficientNet's preprocessing inside the model).
/// </summary>
/// <param name="Scale">One factor, or one per channel.</param>
/// <param name="Offset">One offset, or one per channel.</param>
public sealed record Rescaling(ValueList<double> Scale, ValueList<double> Offset) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Rescaling";

    /// <inheritdoc />
    public override string NamePrefix => "rescaling";

    /// <summary>The factor applied to channel <paramref name="c"/>.</summary>
    public double ScaleOf(int c) => Scale.Count == 1 ? Scale[0] : Scale[c];

    /// <summary>The offset added to channel <paramref name="c"/>.</summary>
    public double OffsetOf(int c) => Offset.Count == 1 ? Offset[0] : Offset[c];

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        int c = context.Input.Channels;
        context.Require(Scale.Count == 1 || Scale.Count == c, $"scale must have one value or one per channel ({c}). Received: scale={Scale}.");
        context.Require(Offset.Count == 1 || Offset.Count == c, $"offset must have one value or one per channel ({c}). Received: offset={Offset}.");
        context.Require(Scale.Concat(Offset).All(v => !double.IsNaN(v) && !double.IsInfinity(v)), $"scale and offset must be finite. Received: scale={Scale}, offset={Offset}.");
        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
