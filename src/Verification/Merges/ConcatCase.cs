using System.Collections.Immutable;

namespace FluentNets.Verification;

/// <summary>Two to four branches from one input, concatenated.</summary>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Branches">The branches.</param>
public sealed record ConcatCase(int Height, int Width, int Channels, ImmutableArray<ConcatBranch> Branches)
{
    /// <inheritdoc />
    public override string ToString() => $"Input({Height}, {Width}, {Channels}) -> Concat({string.Join(", ", Branches)})";
}
