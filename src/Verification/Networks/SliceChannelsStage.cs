using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>Channels <see cref="Start"/> to <see cref="Start"/> + <see cref="Count"/> - 1, as ShuffleNetV2 splits its input.</summary>
/// <param name="Start">The first channel kept.</param>
/// <param name="Count">How many channels are kept.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
[Generates(typeof(ChannelSlice))]
public sealed record SliceChannelsStage(int Start, int Count, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.SliceChannels(Start, Count, Name);

    /// <inheritdoc />
    public override string ToString() => $".SliceChannels({Start}, {Count}{CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, "channel_slice");
        if (Start < 0 || Count < 1 || Start + Count > input.Channels)
        {
            return scope.Fail(name, input);
        }

        var output = input with { Channels = Count };
        scope.Layer(name, output.ToShape());
        return output;
    }
}
