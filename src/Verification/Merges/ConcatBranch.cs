namespace FluentNets.Verification;

/// <summary>One branch of a <see cref="ConcatCase"/>: a window layer with SAME padding.</summary>
/// <param name="Layer">The layer.</param>
/// <param name="Filters">Filters (convolutions that take them).</param>
/// <param name="DepthMultiplier">Depth multiplier (depthwise and separable).</param>
/// <param name="Kernel">Kernel or pool size.</param>
/// <param name="Stride">Stride.</param>
public sealed record ConcatBranch(WindowLayer Layer, int Filters, int DepthMultiplier, Size2 Kernel, Size2 Stride)
{
    /// <summary>Adds the branch to <paramref name="x"/>.</summary>
    public Net<Image> AddTo(Net<Image> x) => x.Add(Layer, Kernel, Stride, Padding.Same, Filters, DepthMultiplier);

    /// <inheritdoc />
    public override string ToString() => $"{Layer}(filters: {Filters}, depthMultiplier: {DepthMultiplier}, {Kernel}, s: {Stride}, pad: Padding.Same)";
}
