namespace FluentNets;

/// <summary>GoogLeNet's Inception module.</summary>
public static class InceptionExtensions
{
    /// <summary>
    /// The Inception module of GoogLeNet (seed 000): four branches concatenated along channels,
    /// a 1x1 conv; a 1x1 reduction then a 3x3 conv; a 1x1 reduction then a 5x5 conv; a 3x3/1 SAME
    /// max pool then a 1x1 projection. Every conv is SAME with ReLU. The result has
    /// c1x1 + c3x3 + c5x5 + poolProj channels.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="c1x1">Filters of the 1x1 branch.</param>
    /// <param name="branch3x3">Reduction and output filters of the 3x3 branch.</param>
    /// <param name="branch5x5">Reduction and output filters of the 5x5 branch.</param>
    /// <param name="poolProj">Filters of the projection after the pool.</param>
    /// <param name="name">Block name, e.g. <c>inception_3a</c>; automatic when omitted.</param>
    /// <exception cref="NetBuildException">A filter count is not positive.</exception>
    public static Net<Image> Inception(
        this Net<Image> x, int c1x1, (int Reduce, int Filters) branch3x3, (int Reduce, int Filters) branch5x5, int poolProj, string? name = null) =>
        x.AutoBlock("inception", name, b => Net.Concat(
            "output",
            b.Conv(c1x1, 1, pad: Padding.Same, activation: Activation.Relu, name: "1x1"),
            b.Conv(branch3x3.Reduce, 1, pad: Padding.Same, activation: Activation.Relu, name: "3x3_reduce")
                .Conv(branch3x3.Filters, 3, pad: Padding.Same, activation: Activation.Relu, name: "3x3"),
            b.Conv(branch5x5.Reduce, 1, pad: Padding.Same, activation: Activation.Relu, name: "5x5_reduce")
                .Conv(branch5x5.Filters, 5, pad: Padding.Same, activation: Activation.Relu, name: "5x5"),
            b.MaxPool(3, s: 1, pad: Padding.Same, name: "pool")
                .Conv(poolProj, 1, pad: Padding.Same, activation: Activation.Relu, name: "pool_proj")));
}
