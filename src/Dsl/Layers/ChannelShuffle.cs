using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>
/// ShuffleNet's channel shuffle (Zhang et al., https://arxiv.org/abs/1707.01083): the channels, seen as
/// <see cref="Groups"/> rows of C / groups, are read column by column, so channel g * (C / groups) + i moves
/// to i * groups + g (torchvision's <c>channel_shuffle</c>).
/// </summary>
/// <param name="Groups">The number of groups; the channels must divide by it.</param>
public sealed record ChannelShuffle(int Groups) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "ChannelShuffle";

    /// <inheritdoc />
    public override string NamePrefix => "channel_shuffle";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(Groups > 0, $"groups must be positive. Received: groups={Groups}.");
        context.Require(context.Input.Channels % Groups == 0, $"groups {Groups} must divide the input's channels {context.Input.Channels}.");
        return new LayerOutput(context.Input);
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input;
}
