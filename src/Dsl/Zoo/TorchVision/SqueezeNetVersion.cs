using System.Collections.Immutable;

namespace FluentNets.Zoo;

/// <summary>
/// A SqueezeNet version as torchvision's <c>features</c> lists it: the stem conv, then Fire modules and
/// ceil-mode max pools in order.
/// </summary>
/// <param name="StemFilters">Filters of the stride-2 stem conv.</param>
/// <param name="StemKernel">Its kernel size.</param>
/// <param name="Modules">
/// After the stem's ReLU and max pool: each Fire module's squeeze width (its two expand branches have four
/// times as many filters each), 0 for a 3x3/2 ceil-mode max pool.
/// </param>
public sealed record SqueezeNetVersion(int StemFilters, int StemKernel, ImmutableArray<int> Modules)
{
    /// <summary>SqueezeNet 1.0 (Iandola et al., https://arxiv.org/abs/1602.07360): a 7x7 stem of 96, pools after fire4 and fire8.</summary>
    public static SqueezeNetVersion V1_0 { get; } = new(96, 7, [16, 16, 32, 0, 32, 48, 48, 64, 0, 64]);

    /// <summary>SqueezeNet 1.1: a 3x3 stem of 64 and earlier pools, 2.4 times less computation for the same accuracy.</summary>
    public static SqueezeNetVersion V1_1 { get; } = new(64, 3, [16, 16, 0, 32, 32, 0, 48, 48, 64, 64]);
}
