namespace FluentNets.Zoo;

/// <summary>One stage of a RegNet: <see cref="Depth"/> residual bottlenecks of <see cref="Width"/> channels, the first with stride 2.</summary>
/// <param name="Width">Output channels of every block (and the bottleneck's inner width, the bottleneck multiplier being 1).</param>
/// <param name="Depth">Blocks in the stage.</param>
/// <param name="GroupWidth">Channels per group of the 3x3 convolution.</param>
public sealed record RegNetStage(int Width, int Depth, int GroupWidth)
{
    /// <summary>Groups of the 3x3 convolution.</summary>
    public int Groups => Width / GroupWidth;
}
