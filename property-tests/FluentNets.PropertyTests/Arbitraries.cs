using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace FluentNets.PropertyTests;

/// <summary>
/// Every generator of the property tests, registered on each test class with
/// <c>[Properties(Arbitrary = new[] { typeof(Arbitraries) })]</c>. Sizes follow FsCheck's size
/// parameter through <see cref="Gen.Sized{T}"/>: inputs grow from 8 to <see cref="MaxSide"/>
/// pixels and chains from 1 to 7 layers as a run goes on, so the whole suite stays within seconds.
/// </summary>
public static class Arbitraries
{
    /// <summary>The largest input height or width generated.</summary>
    public const int MaxSide = 64;

    private static readonly WindowLayer[] Convolutions = [WindowLayer.Conv, WindowLayer.DepthwiseConv, WindowLayer.SeparableConv];

    private static readonly WindowLayer[] Pools = [WindowLayer.MaxPool, WindowLayer.AvgPool];

    private static readonly WindowLayer[] AllWindows = [.. Convolutions, .. Pools];

    /// <summary>Convolutions with explicit pads; inputs are often near the kernel's extent, so many do not fit.</summary>
    public static Arbitrary<ConvCase> ConvCases() =>
        (from layer in Gen.Elements(Convolutions)
         from kernel in Pair(1, 7)
         from dilation in Dilation
         from height in SideNear(Oracle.EffectiveKernel(kernel.H, dilation.H))
         from width in SideNear(Oracle.EffectiveKernel(kernel.W, dilation.W))
         from channels in Gen.Choose(1, 8)
         from filters in Gen.Choose(1, 8)
         from depthMultiplier in Gen.Choose(1, 3)
         from stride in Pair(1, 4)
         from pads in Pads(4)
         select new ConvCase(layer, height, width, channels, filters, depthMultiplier, kernel, stride, dilation, pads)).ToArbitrary();

    /// <summary>Pools with explicit pads up to 2, some of them more than half the pool.</summary>
    public static Arbitrary<PoolCase> PoolCases() =>
        (from layer in Gen.Elements(Pools)
         from pool in Pair(1, 5)
         from height in SideNear(pool.H)
         from width in SideNear(pool.W)
         from channels in Gen.Choose(1, 8)
         from stride in OptionalStride
         from pads in Pads(2)
         select new PoolCase(layer, height, width, channels, pool, stride, pads)).ToArbitrary();

    /// <summary>Any window layer with SAME padding.</summary>
    public static Arbitrary<SameCase> SameCases() =>
        (from layer in Gen.Elements(AllWindows)
         from height in Side
         from width in Side
         from channels in Gen.Choose(1, 8)
         from filters in Gen.Choose(1, 8)
         from depthMultiplier in Gen.Choose(1, 3)
         from kernel in Pair(1, 7)
         from stride in OptionalStride
         from dilation in layer is WindowLayer.MaxPool or WindowLayer.AvgPool ? Gen.Constant(new Size2(1, 1)) : Dilation
         select new SameCase(layer, height, width, channels, filters, depthMultiplier, kernel, stride, dilation)).ToArbitrary();

    /// <summary>Sequential networks of 1 to 7 image layers, then maybe Flatten or GlobalAvgPool and Dense layers.</summary>
    public static Arbitrary<Chain> Chains() =>
        (from height in Gen.Sized(size => Gen.Choose(1, Math.Clamp(size, 4, 32)))
         from width in Gen.Sized(size => Gen.Choose(1, Math.Clamp(size, 4, 32)))
         from channels in Gen.Choose(1, 8)
         from count in Gen.Sized(size => Gen.Choose(1, 1 + Math.Min(size, 90) / 15))
         from body in ChainBody(count, channels)
         from head in Gen.Elements(VectorHead.None, VectorHead.Flatten, VectorHead.GlobalAvgPool)
         from dense in head == VectorHead.None
             ? Gen.Constant(Array.Empty<DenseLayer>())
             : Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(from units in Gen.Choose(1, 16) from bias in Bool select new DenseLayer(units, bias), n))
         select new Chain(height, width, channels, body, head, [.. dense])).ToArbitrary();

    /// <summary>Residual bodies of one to three SAME convolutions that may stride and may change the channels.</summary>
    public static Arbitrary<ResidualCase> ResidualCases() =>
        (from height in Side
         from width in Side
         from channels in Gen.Choose(1, 8)
         from count in Gen.Choose(1, 3)
         from convs in Gen.ArrayOf(
             from filters in Gen.Choose(1, 8)
             from kernel in Pair(1, 3)
             from stride in Gen.Frequency((3, Gen.Constant(new Size2(1, 1))), (2, Pair(1, 3)))
             from batchNorm in Bool
             select new ResidualConv(filters, kernel, stride, batchNorm),
             count)
         from lastFilters in Gen.Frequency((1, Gen.Constant(channels)), (1, Gen.Choose(1, 8)))
         select new ResidualCase(height, width, channels, [.. convs[..^1], convs[^1] with { Filters = lastFilters }])).ToArbitrary();

    /// <summary>Two to four SAME branches that mostly share a stride, so most concatenations fit and some do not.</summary>
    public static Arbitrary<ConcatCase> ConcatCases() =>
        (from height in Side
         from width in Side
         from channels in Gen.Choose(1, 8)
         from shared in Pair(1, 2)
         from count in Gen.Choose(2, 4)
         from branches in Gen.ArrayOf(
             from layer in Gen.Elements(AllWindows)
             from filters in Gen.Choose(1, 8)
             from depthMultiplier in Gen.Choose(1, 2)
             from kernel in Pair(1, 5)
             from stride in Gen.Frequency((6, Gen.Constant(shared)), (1, Pair(1, 3)))
             select new ConcatBranch(layer, filters, depthMultiplier, kernel, stride),
             count)
         select new ConcatCase(height, width, channels, [.. branches])).ToArbitrary();

    /// <summary>One to six stride-1 k x k convolutions on an input that fits them even unpadded.</summary>
    public static Arbitrary<StackCase> StackCases() =>
        (from layers in Gen.Choose(1, 6)
         from kernel in Gen.Choose(1, 7)
         from same in Bool
         from slack in Gen.Choose(0, 8)
         select new StackCase(1 + (layers * (kernel - 1)) + slack, layers, kernel, same)).ToArbitrary();

    /// <summary>One to five convolutions and pools with strides and dilations, all SAME.</summary>
    public static Arbitrary<WindowStack> WindowStacks() =>
        (from height in Side
         from width in Side
         from count in Gen.Choose(1, 5)
         from windows in Gen.ArrayOf(
             from layer in Gen.Elements(AllWindows)
             from kernel in Pair(1, 5)
             from stride in Pair(1, 3)
             from dilation in layer is WindowLayer.MaxPool or WindowLayer.AvgPool ? Gen.Constant(new Size2(1, 1)) : Pair(1, 2)
             select new StackedWindow(layer, kernel, stride, dilation),
             count)
         select new WindowStack(height, width, [.. windows])).ToArbitrary();

    /// <summary>An input side: 1 to between 8 and <see cref="MaxSide"/>, growing with the size parameter.</summary>
    private static Gen<int> Side => Gen.Sized(size => Gen.Choose(1, Math.Clamp(size, 8, MaxSide)));

    /// <summary>Half the time any <see cref="Side"/>, half the time within a few pixels of <paramref name="extent"/>, where fitting is decided.</summary>
    private static Gen<int> SideNear(int extent) =>
        Gen.Frequency((1, Side), (1, Gen.Choose(1, extent + 2)));

    private static Gen<bool> Bool => Gen.Elements(true, false);

    /// <summary>Mostly no dilation, otherwise up to 3 per axis.</summary>
    private static Gen<Size2> Dilation => Gen.Frequency((2, Gen.Constant(new Size2(1, 1))), (1, Pair(1, 3)));

    /// <summary>A third of the time the layer's default stride, otherwise 1 to 3 per axis.</summary>
    private static Gen<Size2?> OptionalStride =>
        Gen.Frequency((1, Gen.Constant<Size2?>(null)), (2, Pair(1, 3).Select(s => (Size2?)s)));

    /// <summary>A (height, width) pair, square three times out of four.</summary>
    private static Gen<Size2> Pair(int low, int high) =>
        from h in Gen.Choose(low, high)
        from w in Gen.Frequency((3, Gen.Constant(h)), (1, Gen.Choose(low, high)))
        select new Size2(h, w);

    /// <summary>Zero padding per side up to <paramref name="max"/>: none, the same on every side, symmetric per axis, or free.</summary>
    private static Gen<ExplicitPadding> Pads(int max) =>
        Gen.Frequency((1, Gen.Constant(new ExplicitPadding(0, 0, 0, 0))), (3, SomePads(max)));

    private static Gen<ExplicitPadding> SomePads(int max) =>
        from top in Gen.Choose(0, max)
        from left in Gen.Choose(0, max)
        from bottom in Gen.Choose(0, max)
        from right in Gen.Choose(0, max)
        from form in Gen.Choose(0, 2)
        select form switch
        {
            0 => new ExplicitPadding(top, top, top, top),
            1 => new ExplicitPadding(top, top, left, left),
            _ => new ExplicitPadding(top, bottom, left, right),
        };

    /// <summary>
    /// <paramref name="count"/> image layers on <paramref name="channels"/> input channels; each layer's
    /// channels feed the next one's generator, so grouped convolutions always divide.
    /// </summary>
    private static Gen<ImmutableArray<ChainLayer>> ChainBody(int count, int channels) =>
        count == 0
            ? Gen.Constant(ImmutableArray<ChainLayer>.Empty)
            : from layer in ChainLayerOn(channels)
              from rest in ChainBody(count - 1, layer.OutChannels(channels))
              select rest.Insert(0, layer);

    private static Gen<ChainLayer> ChainLayerOn(int channels) =>
        from kind in Gen.Elements(Enum.GetValues<ChainLayerKind>())
        from kernel in Pair(1, 5)
        from stride in Gen.Frequency((3, Gen.Constant(new Size2(1, 1))), (1, Pair(1, 2)))
        from groups in Gen.Elements(Enumerable.Range(1, 4).Where(g => channels % g == 0).ToArray())
        from filters in Gen.Choose(1, 4).Select(f => f * groups)
        from depthMultiplier in channels > 16 ? Gen.Constant(1) : Gen.Choose(1, 2)
        from bias in Bool
        from center in Bool
        from scale in Bool
        select new ChainLayer(kind, kernel, stride, filters, kind == ChainLayerKind.Conv ? groups : 1, depthMultiplier, bias, center, scale);
}
