using System.Collections.Immutable;

namespace FluentNets.Verification;

/// <summary>Convolutions and pools with any strides and dilations, stacked with SAME padding.</summary>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Windows">The windows, in order.</param>
public sealed record WindowStack(int Height, int Width, ImmutableArray<StackedWindow> Windows)
{
    /// <inheritdoc />
    public override string ToString() => $"Input({Height}, {Width}, 1).{string.Join(".", Windows)}";
}
