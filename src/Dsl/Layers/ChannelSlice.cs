using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// Channels <see cref="Start"/> to <see cref="Start"/> + <see cref="Count"/> - 1 of the input, as
/// ShuffleNetV2 splits its input in two (torchvision's <c>x.chunk(2, dim=1)</c>).
/// </summary>
/// <param name="Start">The first channel kept.</param>
/// <param name="Count">How many channels are kept.</param>
public sealed record ChannelSlice(int Start, int Count) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "ChannelSlice";

    /// <inheritdoc />
    public override string NamePrefix => "channel_slice";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        var s = context.Input;
        context.Require(
            Start >= 0 && Count > 0 && Start + (long)Count <= s.Channels,
            $"channels {Start} to {Start + (long)Count - 1} must lie within the input's {s.Channels}. Received: start={Start}, count={Count}.");
        return new LayerOutput(s.IsImage ? Shape.Image(s.Height, s.Width, Count) : Shape.Vector(Count));
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
