using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>ShuffleNet's channel shuffle over <see cref="Groups"/> groups.</summary>
/// <param name="Groups">Groups; they divide the channels unless planted.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
[Generates(typeof(ChannelShuffle))]
public sealed record ChannelShuffleStage(int Groups, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.ChannelShuffle(Groups, Name);

    /// <inheritdoc />
    public override string ToString() => $".ChannelShuffle({Groups}{CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, "channel_shuffle");
        if (Groups < 1 || input.Channels % Groups != 0)
        {
            return scope.Fail(name, input);
        }

        scope.Layer(name, input.ToShape());
        return input;
    }
}
