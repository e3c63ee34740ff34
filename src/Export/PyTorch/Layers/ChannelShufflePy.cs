using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.PyTorch;

/// <summary>ChannelShuffle: <c>nn.ChannelShuffle</c>, which reads the channels as torchvision's <c>channel_shuffle</c> does.</summary>
internal sealed class ChannelShufflePy : PyLayer<ChannelShuffle>
{
    /// <inheritdoc />
    protected override string? Module(ChannelShuffle spec, Node node) => $"nn.ChannelShuffle({spec.Groups})";
}
