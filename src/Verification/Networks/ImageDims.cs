namespace FluentNets.Verification;

/// <summary>Height, width and channels of one example, as the oracle tracks them through a network.</summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
/// <param name="Channels">Channels.</param>
public readonly record struct ImageDims(int Height, int Width, int Channels)
{
    /// <summary>The DSL's shape with these dimensions.</summary>
    public Shape ToShape() => Shape.Image(Height, Width, Channels);

    /// <summary><c>8x8x3</c>, as the DSL prints shapes.</summary>
    public override string ToString() => $"{Height}x{Width}x{Channels}";
}
