using System.Collections.Immutable;

namespace FluentNets.Zoo;

/// <summary>
/// A DenseNet-BC (Huang et al., https://arxiv.org/abs/1608.06993) as its table gives it: dense layers per
/// block, the growth rate k each layer adds, and the stem's filters. Each dense layer is a 1x1 bottleneck of
/// 4k filters then a 3x3 conv of k; each transition halves the channels and the size.
/// </summary>
/// <param name="Blocks">Dense layers in each of the four blocks.</param>
/// <param name="GrowthRate">Channels each dense layer adds (k).</param>
/// <param name="StemFilters">Filters of the 7x7/2 stem conv (2k in the paper).</param>
public sealed record DenseNetDesign(ImmutableArray<int> Blocks, int GrowthRate = 32, int StemFilters = 64)
{
    /// <summary>The 4k filters of each dense layer's 1x1 bottleneck (torchvision's <c>bn_size</c> of 4).</summary>
    public int BottleneckFilters => 4 * GrowthRate;

    /// <summary>DenseNet-121: 6, 12, 24, 16 layers, k = 32.</summary>
    public static DenseNetDesign DenseNet121 { get; } = new([6, 12, 24, 16]);

    /// <summary>DenseNet-161: 6, 12, 36, 24 layers, k = 48, a stem of 96.</summary>
    public static DenseNetDesign DenseNet161 { get; } = new([6, 12, 36, 24], 48, 96);

    /// <summary>DenseNet-169: 6, 12, 32, 32 layers, k = 32.</summary>
    public static DenseNetDesign DenseNet169 { get; } = new([6, 12, 32, 32]);

    /// <summary>DenseNet-201: 6, 12, 48, 32 layers, k = 32.</summary>
    public static DenseNetDesign DenseNet201 { get; } = new([6, 12, 48, 32]);
}
