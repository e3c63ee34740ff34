namespace FluentNets.Zoo;

/// <summary>
/// The width of a torchvision bottleneck's 3x3 convolution, as its <c>groups</c> and <c>width_per_group</c>
/// arguments give it: <see cref="Groups"/> groups of <c>planes * WidthPerGroup / 64</c> channels, where planes
/// is the stage's 64, 128, 256 or 512. ResNeXt's "32x4d" is 32 groups of 4 channels in the first stage.
/// </summary>
/// <param name="Groups">Groups of the 3x3 convolution (ResNeXt's cardinality).</param>
/// <param name="WidthPerGroup">Channels per group in the first stage (torchvision's <c>width_per_group</c>).</param>
public sealed record TorchVisionResNetWidth(int Groups, int WidthPerGroup)
{
    /// <summary>ResNet's: one group of 64 channels in the first stage.</summary>
    public static TorchVisionResNetWidth ResNet { get; } = new(1, 64);

    /// <inheritdoc />
    public override string ToString() => $"{Groups} x {WidthPerGroup}";
}
