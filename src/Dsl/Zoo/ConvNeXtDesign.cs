using System.Collections.Immutable;

namespace FluentNets.Zoo;

/// <summary>
/// A ConvNeXt (Liu et al., https://arxiv.org/abs/2201.03545) as its table gives it: blocks and channels
/// per stage. A 4x4/4 patchify stem gives the first stage's channels; a LayerNorm and a 2x2/2 conv go
/// from each stage to the next.
/// </summary>
/// <param name="Depths">Blocks in each of the four stages.</param>
/// <param name="Dims">Channels of each stage (Keras's <c>projection_dims</c>).</param>
public sealed record ConvNeXtDesign(ImmutableArray<int> Depths, ImmutableArray<int> Dims)
{
    /// <summary>ConvNeXt-T: 3, 3, 9, 3 blocks of 96, 192, 384, 768 channels.</summary>
    public static ConvNeXtDesign Tiny { get; } = new([3, 3, 9, 3], [96, 192, 384, 768]);

    /// <summary>ConvNeXt-S: 3, 3, 27, 3 blocks of 96 to 768 channels.</summary>
    public static ConvNeXtDesign Small { get; } = new([3, 3, 27, 3], [96, 192, 384, 768]);

    /// <summary>ConvNeXt-B: 3, 3, 27, 3 blocks of 128 to 1024 channels.</summary>
    public static ConvNeXtDesign Base { get; } = new([3, 3, 27, 3], [128, 256, 512, 1024]);

    /// <summary>ConvNeXt-L: 3, 3, 27, 3 blocks of 192 to 1536 channels.</summary>
    public static ConvNeXtDesign Large { get; } = new([3, 3, 27, 3], [192, 384, 768, 1536]);

    /// <summary>ConvNeXt-XL (keras.applications only): 3, 3, 27, 3 blocks of 256 to 2048 channels.</summary>
    public static ConvNeXtDesign XLarge { get; } = new([3, 3, 27, 3], [256, 512, 1024, 2048]);

    /// <summary>ConvNeXt's LayerNorm epsilon, everywhere.</summary>
    public const double Epsilon = 1e-6;

    /// <summary>The layer scale's initial value.</summary>
    public const double LayerScaleInit = 1e-6;
}
