namespace FluentNets.Zoo;

/// <summary>
/// A NASNet-A (Zoph et al., https://arxiv.org/abs/1707.07012) as keras.applications' <c>NASNet</c> arguments
/// give it: "N @ P" is <see cref="Cells"/> normal cells per stack and <see cref="PenultimateFilters"/>.
/// </summary>
/// <param name="PenultimateFilters">Channels before the pooling; a cell of the last stack has a 24th of them per branch.</param>
/// <param name="Cells">Normal cells in each of the three stacks (N).</param>
/// <param name="StemFilters">Filters of the 3x3/2 stem conv.</param>
/// <param name="SkipReduction">Whether the cell after a reduction sees the reduction's input instead of its output as its previous input.</param>
/// <param name="FilterMultiplier">How much the filters grow at each reduction.</param>
public sealed record NasNetDesign(int PenultimateFilters, int Cells, int StemFilters, bool SkipReduction, int FilterMultiplier = 2)
{
    /// <summary>NASNet-A (4 @ 1056), keras.applications' NASNetMobile: 5,326,716 parameters at 224x224.</summary>
    public static NasNetDesign Mobile { get; } = new(1056, 4, 32, SkipReduction: false);

    /// <summary>NASNet-A (6 @ 4032), keras.applications' NASNetLarge: 88,949,818 parameters at 331x331.</summary>
    public static NasNetDesign Large { get; } = new(4032, 6, 96, SkipReduction: true);
}
