using System.Collections.Immutable;
using FluentNets.Activations;
using FluentNets.Layers;
using FsCheck;
using FsCheck.Fluent;

namespace FluentNets.Verification;

/// <summary>
/// Every generator of the property tests, registered on each test class with
/// <c>[Properties(Arbitrary = new[] { typeof(Arbitraries) })]</c>. Sizes follow FsCheck's size
/// parameter through <see cref="Gen.Sized{T}"/>: inputs grow to <see cref="MaxSide"/> pixels,
/// chains grow longer and branches nest deeper as a run goes on. Tensors stay tiny, so the
/// properties that run TorchSharp take seconds.
/// </summary>
public static class Arbitraries
{
    /// <summary>The largest input height or width generated (windows that must not fit may see a few pixels more).</summary>
    public const int MaxSide = 16;

    private static readonly WindowLayer[] Convolutions = [WindowLayer.Conv, WindowLayer.DepthwiseConv, WindowLayer.SeparableConv];

    private static readonly WindowLayer[] Pools = [WindowLayer.MaxPool, WindowLayer.AvgPool];

    private static readonly WindowLayer[] AllWindows = [.. Convolutions, .. Pools];

    /// <summary>Every kind of activation by its shorthand: ReLU plain and capped at 6, GELU exact and tanh.</summary>
    private static readonly Activation[] Shorthands =
    [
        Activation.Relu, Activation.Relu6, Activation.Sigmoid, Activation.Tanh, Activation.Softmax, Activation.LeakyRelu, Activation.Silu,
        Activation.Gelu, Activation.GeluTanh, Activation.HardSigmoid, Activation.HardSwish, Activation.Elu, Activation.Selu,
        Activation.Softplus, Activation.Softsign, Activation.Mish,
    ];

    private static readonly Size2 One = new(1, 1);

    /// <summary>Convolutions with explicit pads; inputs are often near the kernel's extent, so many do not fit.</summary>
    public static Arbitrary<ConvCase> ConvCases() =>
        Arb.From(
            from layer in Gen.Elements(Convolutions)
            from kernel in Pair(1, 7)
            from dilation in Dilation
            from height in SideNear(Oracle.EffectiveKernel(kernel.H, dilation.H))
            from width in SideNear(Oracle.EffectiveKernel(kernel.W, dilation.W))
            from channels in Gen.Choose(1, 8)
            from filters in Gen.Choose(1, 8)
            from depthMultiplier in Gen.Choose(1, 3)
            from stride in Pair(1, 4)
            from pads in Pads(4)
            select new ConvCase(layer, height, width, channels, filters, depthMultiplier, kernel, stride, dilation, pads),
            Shrinkers.Shrink);

    /// <summary>Pools with explicit pads up to 2, some of them more than half the pool.</summary>
    public static Arbitrary<PoolCase> PoolCases() =>
        Arb.From(
            from layer in Gen.Elements(Pools)
            from pool in Pair(1, 5)
            from height in SideNear(pool.H)
            from width in SideNear(pool.W)
            from channels in Gen.Choose(1, 8)
            from stride in OptionalStride
            from pads in Pads(2)
            select new PoolCase(layer, height, width, channels, pool, stride, pads),
            Shrinkers.Shrink);

    /// <summary>Any window layer with SAME padding.</summary>
    public static Arbitrary<SameCase> SameCases() =>
        Arb.From(
            from layer in Gen.Elements(AllWindows)
            from height in Side
            from width in Side
            from channels in Gen.Choose(1, 8)
            from filters in Gen.Choose(1, 8)
            from depthMultiplier in Gen.Choose(1, 3)
            from kernel in Pair(1, 7)
            from stride in OptionalStride
            from dilation in layer is WindowLayer.MaxPool or WindowLayer.AvgPool ? Gen.Constant(One) : Dilation
            select new SameCase(layer, height, width, channels, filters, depthMultiplier, kernel, stride, dilation),
            Shrinkers.Shrink);

    /// <summary>
    /// Networks that build, valid by construction: a quarter of them sequential (layers only, some
    /// with valid or explicit padding, zero padding, crops, adaptive and keep-dims pools and
    /// reshapes), the rest with Concat and Add merges, residual, Inception and squeeze-and-excitation
    /// blocks, scaled residuals and multiplicative gates nested up to two levels, then maybe Flatten
    /// or global pooling and Dense layers. Every layer kind the stages declare with
    /// <see cref="GeneratesAttribute"/> appears, and every activation, with and without arguments.
    /// Shrinking drops stages and Dense layers, keeping only what the oracle says still builds.
    /// </summary>
    public static Arbitrary<NetworkDescription> Networks() => Arb.From(Network, Shrink);

    /// <summary>
    /// <see cref="Networks"/> with a BatchNorm (Keras's or PyTorch's epsilon, any momentum, with or
    /// without beta and gamma) after every Conv2D, DepthwiseConv2D and SeparableConv2D, nested ones
    /// included, three times out of four with the layer's fused activation taken away, and half the
    /// time a Dense layer on the image with its BatchNorm before the head. Shrinking drops stages as
    /// for <see cref="Networks"/>.
    /// </summary>
    public static Arbitrary<FoldingNetwork> FoldingNetworks() =>
        Arb.From(
            from network in Network
            from body in WithBatchNorms(network.Body)
            from dense in Gen.Frequency(
                (1, Gen.Constant(ImmutableArray<Stage>.Empty)),
                (1, from units in Gen.Choose(1, 6)
                    from bias in Bool
                    from activation in FusedActivation
                    from norm in BatchNormAfter
                    select ImmutableArray.Create<Stage>(new DenseStage(units, bias, activation), norm)))
            select new FoldingNetwork(network with { Body = body.AddRange(dense) }),
            folding => Shrink(folding.Description).Select(d => new FoldingNetwork(d)));

    /// <summary>A generated network with one shape error planted, and the path of the layer that must fail.</summary>
    public static Arbitrary<InvalidNetwork> InvalidNetworks() =>
        Arb.From(
            from valid in Network
            from index in Gen.Choose(0, valid.Body.Length)
            from site in Site(valid, index)
            from error in Gen.Elements(Enum.GetValues<PlantedError>())
            from stage in Plant(error, site.Dims)
            let planted = site.Plant(stage)
            select new InvalidNetwork(valid, planted, index, error, planted.Expected().Failure ?? "(the oracle says it builds)"),
            Shrinkers.Shrink);

    /// <summary>Residual bodies of one to three SAME convolutions that may stride and may change the channels.</summary>
    public static Arbitrary<ResidualCase> ResidualCases() =>
        Arb.From(
            from height in Side
            from width in Side
            from channels in Gen.Choose(1, 8)
            from count in Gen.Choose(1, 3)
            from convs in Gen.ArrayOf(
                from filters in Gen.Choose(1, 8)
                from kernel in Pair(1, 3)
                from stride in Gen.Frequency((3, Gen.Constant(One)), (2, Pair(1, 3)))
                from batchNorm in Bool
                select new ResidualConv(filters, kernel, stride, batchNorm),
                count)
            from lastFilters in Gen.Frequency((1, Gen.Constant(channels)), (1, Gen.Choose(1, 8)))
            select new ResidualCase(height, width, channels, [.. convs[..^1], convs[^1] with { Filters = lastFilters }]),
            Shrinkers.Shrink);

    /// <summary>Two to four SAME branches that mostly share a stride, so most concatenations fit and some do not.</summary>
    public static Arbitrary<ConcatCase> ConcatCases() =>
        Arb.From(
            from height in Side
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
            select new ConcatCase(height, width, channels, [.. branches]),
            Shrinkers.Shrink);

    /// <summary>One to six stride-1 k x k convolutions on an input that fits them even unpadded.</summary>
    public static Arbitrary<StackCase> StackCases() =>
        Arb.From(
            from layers in Gen.Choose(1, 6)
            from kernel in Gen.Choose(1, 7)
            from same in Bool
            from slack in Gen.Choose(0, 8)
            select new StackCase(1 + (layers * (kernel - 1)) + slack, layers, kernel, same),
            Shrinkers.Shrink);

    /// <summary>One to five convolutions and pools with strides and dilations, all SAME.</summary>
    public static Arbitrary<WindowStack> WindowStacks() =>
        Arb.From(
            from height in Side
            from width in Side
            from count in Gen.Choose(1, 5)
            from windows in Gen.ArrayOf(
                from layer in Gen.Elements(AllWindows)
                from kernel in Pair(1, 5)
                from stride in Pair(1, 3)
                from dilation in layer is WindowLayer.MaxPool or WindowLayer.AvgPool ? Gen.Constant(One) : Pair(1, 2)
                select new StackedWindow(layer, kernel, stride, dilation),
                count)
            select new WindowStack(height, width, [.. windows]),
            Shrinkers.Shrink);

    /// <summary>An input side: 1 to between 8 and <see cref="MaxSide"/>, growing with the size parameter.</summary>
    private static Gen<int> Side => Gen.Sized(size => Gen.Choose(1, Math.Clamp(size, 8, MaxSide)));

    /// <summary>Half the time any <see cref="Side"/>, half the time within a few pixels of <paramref name="extent"/>, where fitting is decided.</summary>
    private static Gen<int> SideNear(int extent) =>
        Gen.Frequency((1, Side), (1, Gen.Choose(1, extent + 2)));

    private static Gen<bool> Bool => Gen.Elements(true, false);

    /// <summary>Mostly no dilation, otherwise up to 3 per axis.</summary>
    private static Gen<Size2> Dilation => Gen.Frequency((2, Gen.Constant(One)), (1, Pair(1, 3)));

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
        Gen.Frequency((1, Gen.Constant(new ExplicitPadding(0, 0, 0, 0))), (3, SomePads(max, max)));

    private static Gen<ExplicitPadding> SomePads(int maxHeight, int maxWidth) =>
        from top in Gen.Choose(0, maxHeight)
        from left in Gen.Choose(0, maxWidth)
        from bottom in Gen.Choose(0, maxHeight)
        from right in Gen.Choose(0, maxWidth)
        from form in Gen.Choose(0, 2)
        select form switch
        {
            0 when maxHeight == maxWidth => new ExplicitPadding(top, top, top, top),
            0 or 1 => new ExplicitPadding(top, top, left, left),
            _ => new ExplicitPadding(top, bottom, left, right),
        };

    /// <summary>A network's input side: 1 to between 4 and <see cref="MaxSide"/>, growing with the size parameter.</summary>
    private static Gen<int> NetworkSide(int size) => Gen.Choose(1, Math.Clamp(4 + (size / 8), 4, MaxSide));

    private static Gen<NetworkDescription> Network =>
        Gen.Sized(size =>
            from height in NetworkSide(size)
            from width in Gen.Frequency((3, Gen.Constant(height)), (1, NetworkSide(size)))
            from channels in Gen.Choose(1, 4)
            from branched in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
            from count in Gen.Choose(1, 1 + (Math.Min(size, 100) / 25))
            let context = new GenerationContext(Depth: branched ? (size < 40 ? 1 : 2) : 0, Stride: true, Resize: !branched || size % 2 == 0, Add: true)
            from body in Stages(count, new ImageDims(height, width, channels), context)
            from head in Gen.Elements(Enum.GetValues<VectorHead>())
            from dense in head == VectorHead.None ? Gen.Constant(ImmutableArray<DenseLayer>.Empty) : DenseLayers
            select new NetworkDescription(height, width, channels, body.Stages, head, dense));

    private static Gen<ImmutableArray<DenseLayer>> DenseLayers =>
        from count in Gen.Choose(0, 2)
        from layers in Gen.ArrayOf(
            from units in Gen.Choose(1, 8)
            from bias in Bool
            from activation in FusedActivation
            select new DenseLayer(units, bias, activation),
            count)
        select layers.ToImmutableArray();

    /// <summary><paramref name="count"/> stages on <paramref name="input"/>, each fitting the output of the one before.</summary>
    private static Gen<(ImmutableArray<Stage> Stages, ImageDims Output)> Stages(int count, ImageDims input, GenerationContext context) =>
        count == 0
            ? Gen.Constant((ImmutableArray<Stage>.Empty, input))
            : from first in StageOn(input, context)
              from rest in Stages(count - 1, first.OutputOn(input), context)
              select (rest.Stages.Insert(0, first), rest.Output);

    private static Gen<Stage> StageOn(ImageDims input, GenerationContext context)
    {
        var choices = new List<(int, Gen<Stage>)> { (8, LayerOn(input, context)) };
        if (context.Depth > 0)
        {
            choices.Add((2, MergeOn(input, context)));
            choices.Add((2, ResidualOn(input, context)));
            choices.Add((1, InceptionOn));
            choices.Add((1, Gen.Choose(1, input.Channels).Select(ratio => (Stage)new SqueezeExciteStage(ratio))));
            choices.Add((1, ScaledAddOn(input, context)));
            choices.Add((1, GateOn(input)));
        }

        return Gen.Frequency(choices.ToArray());
    }

    private static Gen<Stage> LayerOn(ImageDims input, GenerationContext context)
    {
        var stride = context.Stride ? Gen.Frequency((3, Gen.Constant(One)), (1, Pair(1, 2))) : Gen.Constant(One);
        var choices = new List<(int, Gen<Stage>)>
        {
            (3, ConvOn(input, stride, context.Resize)),
            (2, DepthwiseOn(input, stride, context.Resize)),
            (2, SeparableOn(input, stride, context.Resize)),
            (2, from center in Bool from scale in Bool select (Stage)new BatchNormStage(center, scale)),
            (2, PoolOn(input, context.Stride ? PoolStride : Gen.Constant<Size2?>(One), context.Resize)),
            (2, Function.Select(f => (Stage)new ActivationStage(f))),
            (1, from rate in Gen.Elements(0.0, 0.25, 0.5) from perExample in Bool select (Stage)new DropoutStage(rate, perExample)),
            (3, NormalizationOn(input)),
            (2, ChannelsOn(input)),
            (1, ImageDenseOn),
        };
        if (context.Resize)
        {
            choices.Add((1, from pads in SomePads(1, 1) select (Stage)new ZeroPadStage(pads.Top, pads.Bottom, pads.Left, pads.Right)));
            choices.Add((3, ResizeOn(input)));
        }

        return Gen.Frequency(choices.ToArray());
    }

    /// <summary>
    /// A layer that normalises or rescales each position's channels: Rescaling (one value or one per
    /// channel), Normalization (saved state or constants), LayerNormalization, LayerScale or AlexNet's
    /// LRN, with values that keep activations within a few units.
    /// </summary>
    private static Gen<Stage> NormalizationOn(ImageDims input) =>
        Gen.OneOf(
            from scale in ChannelValues(input.Channels, -1.5, -0.5, 1.0 / 255, 0.5, 1, 2)
            from offset in ChannelValues(input.Channels, -1, -0.5, 0, 0.25)
            select (Stage)new RescaleStage(scale, offset),
            Gen.Frequency(
                (1, Gen.Constant<Stage>(new NormalizeStage())),
                (1, from mean in Gen.ArrayOf(Gen.Elements(-0.5, 0, 0.25, 1), input.Channels)
                    from variance in Gen.ArrayOf(Gen.Elements(0.25, 1, 2.5), input.Channels)
                    select (Stage)new NormalizeStage(mean, variance))),
            from epsilon in Gen.Elements(1e-6, 1e-3)
            from center in Bool
            from scale in Bool
            select (Stage)new LayerNormStage(epsilon, center, scale),
            Gen.Elements(1e-6, 0.1, 1).Select(init => (Stage)new LayerScaleStage(init)),
            from size in Gen.Choose(1, 5)
            from alpha in Gen.Elements(1e-4, 0.01, 0.5)
            from beta in Gen.Elements(0.5, 0.75, 1)
            from k in Gen.Elements(1.0, 2)
            select (Stage)new LrnStage(size, alpha, beta, k));

    /// <summary>One value for every channel half the time, otherwise one per channel.</summary>
    private static Gen<ValueList<double>> ChannelValues(int channels, params double[] choices) =>
        from perChannel in Bool
        from values in Gen.ArrayOf(Gen.Elements(choices), perChannel ? channels : 1)
        select new ValueList<double>(values);

    /// <summary>A channel shuffle over groups that divide the channels, or a slice of the channels.</summary>
    private static Gen<Stage> ChannelsOn(ImageDims input) =>
        Gen.OneOf(
            Gen.Elements(Enumerable.Range(1, input.Channels).Where(g => input.Channels % g == 0).ToArray())
                .Select(groups => (Stage)new ChannelShuffleStage(groups)),
            from start in Gen.Choose(0, input.Channels - 1)
            from count in Gen.Choose(1, input.Channels - start)
            select (Stage)new SliceChannelsStage(start, count));

    /// <summary>Keras's Dense on an image: new channels at every position.</summary>
    private static Gen<Stage> ImageDenseOn =>
        from units in Gen.Choose(1, 6)
        from bias in Bool
        from activation in FusedActivation
        select (Stage)new ImageDenseStage(units, bias, activation);

    /// <summary>
    /// A layer that changes the height and width other than by a window: a crop of up to a row or
    /// column per side that leaves at least one, an adaptive average pool to up to one more than the
    /// input per axis, a keep-dims global pool, or a reshape through a vector to an image of as many
    /// values no larger than <see cref="MaxSide"/>.
    /// </summary>
    private static Gen<Stage> ResizeOn(ImageDims input)
    {
        int values = input.Height * input.Width * input.Channels;
        var reshapes = (
            from c in Enumerable.Range(1, Math.Max(8, input.Channels))
            where values % c == 0
            from h in Enumerable.Range(1, MaxSide)
            where values / c % h == 0 && values / c / h <= MaxSide
            select new ReshapeStage(values, h, values / c / h, c)).DefaultIfEmpty(new ReshapeStage(values, input.Height, input.Width, input.Channels));
        return Gen.OneOf(
            from top in Gen.Choose(0, Math.Min(1, input.Height - 1))
            from bottom in Gen.Choose(0, Math.Min(1, input.Height - 1 - top))
            from left in Gen.Choose(0, Math.Min(1, input.Width - 1))
            from right in Gen.Choose(0, Math.Min(1, input.Width - 1 - left))
            select (Stage)new CropStage(top, bottom, left, right),
            from height in Gen.Choose(1, input.Height + 1)
            from width in Gen.Choose(1, input.Width + 1)
            select (Stage)new AdaptivePoolStage(new Size2(height, width)),
            Gen.Elements(PoolKind.Max, PoolKind.Average).Select(kind => (Stage)new GlobalPoolStage(kind)),
            Gen.Elements(reshapes.ToArray()).Select(r => (Stage)r));
    }

    /// <summary>A pool's stride: a quarter of the time Keras's default (the pool size), half the time 1, otherwise 1 or 2 per axis.</summary>
    private static Gen<Size2?> PoolStride =>
        Gen.Frequency((1, Gen.Constant<Size2?>(null)), (2, Gen.Constant<Size2?>(One)), (1, Pair(1, 2).Select(s => (Size2?)s)));

    private static Gen<Stage> ConvOn(ImageDims input, Gen<Size2> strides, bool resize) =>
        from groups in Gen.Elements(Enumerable.Range(1, 4).Where(g => input.Channels % g == 0).ToArray())
        from filters in Gen.Choose(1, Math.Max(1, 6 / groups)).Select(f => f * groups)
        from kernel in Kernel
        from stride in strides
        from dilation in SmallDilation
        from padding in PaddingFor(input, kernel, stride, dilation, resize, SomePads(2, 2))
        from bias in Bool
        from activation in FusedActivation
        select (Stage)new ConvStage(filters, kernel, stride, padding, dilation, groups, bias, activation);

    private static Gen<Stage> DepthwiseOn(ImageDims input, Gen<Size2> strides, bool resize) =>
        from kernel in Kernel
        from stride in strides
        from dilation in SmallDilation
        from padding in PaddingFor(input, kernel, stride, dilation, resize, SomePads(2, 2))
        from depthMultiplier in input.Channels > 8 ? Gen.Constant(1) : Gen.Choose(1, 2)
        from bias in Bool
        from activation in FusedActivation
        select (Stage)new DepthwiseStage(kernel, stride, padding, depthMultiplier, dilation, bias, activation);

    private static Gen<Stage> SeparableOn(ImageDims input, Gen<Size2> strides, bool resize) =>
        from filters in Gen.Choose(1, 6)
        from kernel in Kernel
        from stride in strides
        from dilation in SmallDilation
        from padding in PaddingFor(input, kernel, stride, dilation, resize, SomePads(2, 2))
        from depthMultiplier in input.Channels > 8 ? Gen.Constant(1) : Gen.Choose(1, 2)
        from bias in Bool
        from activation in FusedActivation
        select (Stage)new SeparableStage(filters, kernel, stride, padding, depthMultiplier, dilation, bias, activation);

    /// <summary>A pool; a null stride is the pool size, Keras's default.</summary>
    /// <remarks>
    /// Where the padding is valid or explicit, a third of the pools use PyTorch's ceil mode and half
    /// the average pools count the padding in their divisor.
    /// </remarks>
    private static Gen<Stage> PoolOn(ImageDims input, Gen<Size2?> strides, bool resize) =>
        from kind in Gen.Elements(PoolKind.Max, PoolKind.Average)
        from pool in Pair(1, 3)
        from stride in strides
        from padding in PaddingFor(input, pool, stride ?? pool, One, resize, SomePads(pool.H / 2, pool.W / 2))
        from ceilMode in padding is SamePadding ? Gen.Constant(false) : Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        from countPadding in kind == PoolKind.Average && padding is ExplicitPadding ? Bool : Gen.Constant(false)
        select (Stage)new PoolStage(kind, pool, stride ?? pool, padding, CeilMode: ceilMode, CountPadding: countPadding);

    /// <summary>A SAME window with the given stride: the first stage of a striding branch.</summary>
    private static Gen<Stage> StridedWindowOn(ImageDims input, Size2 stride) =>
        Gen.OneOf(
            ConvOn(input, Gen.Constant(stride), resize: false),
            DepthwiseOn(input, Gen.Constant(stride), resize: false),
            SeparableOn(input, Gen.Constant(stride), resize: false),
            PoolOn(input, Gen.Constant<Size2?>(stride), resize: false));

    /// <summary>
    /// SAME padding, or (where sizes may change) valid or explicit padding when the window fits
    /// with it; SAME otherwise.
    /// </summary>
    private static Gen<Padding> PaddingFor(ImageDims input, Size2 kernel, Size2 stride, Size2 dilation, bool resize, Gen<ExplicitPadding> pads)
    {
        if (!resize)
        {
            return Gen.Constant(Padding.Same);
        }

        bool Fits(Padding padding)
        {
            var (h, w) = Oracle.WindowOutput(input.Height, input.Width, kernel, stride, dilation, padding);
            return h >= 1 && w >= 1;
        }

        return Gen.Frequency(
            (2, Gen.Constant(Padding.Same)),
            (1, Gen.Constant(Fits(Padding.Valid) ? Padding.Valid : Padding.Same)),
            (1, pads.Select(p => Fits(p) ? p : Padding.Same)));
    }

    /// <summary>
    /// Two or three branches joined by Concat or Add. Every branch strides the same (its first
    /// stage carries the stride, SAME, so every branch gives ceil(N / S)); Add's branches end on
    /// the first branch's channels, with a 1x1 convolution where they would not.
    /// </summary>
    private static Gen<Stage> MergeOn(ImageDims input, GenerationContext context) =>
        from kind in context.Add ? Gen.Elements(MergeKind.Concat, MergeKind.Add) : Gen.Constant(MergeKind.Concat)
        from stride in context.Stride ? Gen.Frequency((2, Gen.Constant(One)), (1, Pair(1, 2))) : Gen.Constant(One)
        from count in Gen.Choose(2, 3)
        from branches in Gen.ArrayOf(Branch(input, stride, context.Nested(context.Add)), count)
        select (Stage)new MergeStage(kind, kind == MergeKind.Add ? MatchChannels(branches) : [.. branches.Select(b => b.Stages)]);

    private static Gen<(ImmutableArray<Stage> Stages, ImageDims Output)> Branch(ImageDims input, Size2 stride, GenerationContext nested) =>
        from first in stride == One
            ? Gen.Frequency((1, Gen.Constant<Stage?>(null)), (3, StageOn(input, nested).Select(s => (Stage?)s)))
            : StridedWindowOn(input, stride).Select(s => (Stage?)s)
        from rest in first is null
            ? Gen.Constant((Stages: ImmutableArray<Stage>.Empty, Output: input))
            : Gen.Choose(0, 1).SelectMany(n => Stages(n, first.OutputOn(input), nested))
        select first is null ? rest : (rest.Stages.Insert(0, first), rest.Output);

    private static ImmutableArray<ImmutableArray<Stage>> MatchChannels((ImmutableArray<Stage> Stages, ImageDims Output)[] branches)
    {
        int channels = branches[0].Output.Channels;
        return [.. branches.Select(b => b.Output.Channels == channels
            ? b.Stages
            : b.Stages.Add(new ConvStage(channels, One, One, Padding.Same, One, 1, true, Activation.None)))];
    }

    /// <summary>
    /// A residual block of one or two stages, the first of which may stride; an identity shortcut
    /// only around a body that keeps the shape.
    /// </summary>
    private static Gen<Stage> ResidualOn(ImageDims input, GenerationContext context) =>
        from count in Gen.Choose(1, 2)
        from first in StageOn(input, context.Nested(add: false) with { Stride = context.Stride })
        from rest in Stages(count - 1, first.OutputOn(input), context.Nested(add: false))
        from shortcut in rest.Output == input
            ? Gen.Elements(Shortcut.Auto, Shortcut.Identity, Shortcut.Projection)
            : Gen.Elements(Shortcut.Auto, Shortcut.Projection)
        from activation in Gen.Elements<Activation>(Activation.None, Activation.Relu)
        select (Stage)new ResidualStage(rest.Stages.Insert(0, first), shortcut, activation);

    /// <summary>
    /// Inception-ResNet's x + scale * r(x): one or two stages that keep the size, then a 1x1
    /// convolution back to the input's channels where they changed.
    /// </summary>
    private static Gen<Stage> ScaledAddOn(ImageDims input, GenerationContext context) =>
        from count in Gen.Choose(1, 2)
        from residual in Stages(count, input, context.Nested(context.Add))
        from scale in Gen.Elements(0.1, 0.17, 0.2, 1)
        select (Stage)new ScaledAddStage(
            residual.Output.Channels == input.Channels
                ? residual.Stages
                : residual.Stages.Add(new ConvStage(input.Channels, One, One, Padding.Same, One, 1, true, Activation.None)),
            scale);

    /// <summary>
    /// x times a gate: MobileNetV3's squeeze-and-excitation (keep-dims average pool, 1x1 convolutions
    /// with ReLU and hard-sigmoid) broadcast over x, or a SAME convolution with a sigmoid of x's shape.
    /// </summary>
    private static Gen<Stage> GateOn(ImageDims input) =>
        Gen.OneOf(
            from squeeze in Gen.Choose(1, Math.Max(1, input.Channels / 2))
            select (Stage)new GateStage(
            [
                new GlobalPoolStage(PoolKind.Average),
                new ConvStage(squeeze, One, One, Padding.Same, One, 1, true, Activation.Relu),
                new ConvStage(input.Channels, One, One, Padding.Same, One, 1, true, Activation.HardSigmoid),
            ]),
            from kernel in Pair(1, 3)
            select (Stage)new GateStage([new ConvStage(input.Channels, kernel, One, Padding.Same, One, 1, true, Activation.Sigmoid)]));

    private static Gen<Stage> InceptionOn =>
        from c1 in Gen.Choose(1, 3)
        from r3 in Gen.Choose(1, 3)
        from f3 in Gen.Choose(1, 3)
        from r5 in Gen.Choose(1, 3)
        from f5 in Gen.Choose(1, 3)
        from pool in Gen.Choose(1, 3)
        select (Stage)new InceptionStage(c1, r3, f3, r5, f5, pool);

    /// <summary>A BatchNorm with Keras's or PyTorch's epsilon or another, and any momentum.</summary>
    private static Gen<Stage> BatchNormAfter =>
        from center in Bool
        from scale in Bool
        from epsilon in Gen.Elements(1e-3, 1.001e-5, 1e-5, 0.1)
        from momentum in Gen.Elements(0.99, 0.9, 0.0)
        select (Stage)new BatchNormStage(center, scale, epsilon, momentum);

    /// <summary><paramref name="stages"/> with a BatchNorm after each convolution, inside merges and residual bodies too.</summary>
    private static Gen<ImmutableArray<Stage>> WithBatchNorms(ImmutableArray<Stage> stages) =>
        stages.Aggregate(
            Gen.Constant(ImmutableArray<Stage>.Empty),
            (done, stage) =>
                from before in done
                from next in WithBatchNorm(stage)
                select before.AddRange(next));

    private static Gen<ImmutableArray<Stage>> WithBatchNorm(Stage stage) => stage switch
    {
        ConvStage or DepthwiseStage or SeparableStage =>
            from linear in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            from norm in BatchNormAfter
            select ImmutableArray.Create(linear ? WithoutActivation(stage) : stage, norm),
        MergeStage merge => merge.Branches
            .Aggregate(
                Gen.Constant(ImmutableArray<ImmutableArray<Stage>>.Empty),
                (done, branch) => from before in done from next in WithBatchNorms(branch) select before.Add(next))
            .Select(branches => ImmutableArray.Create<Stage>(merge with { Branches = branches })),
        ResidualStage residual => WithBatchNorms(residual.Body).Select(body => ImmutableArray.Create<Stage>(residual with { Body = body })),
        _ => Gen.Constant(ImmutableArray.Create(stage)),
    };

    private static Stage WithoutActivation(Stage stage) => stage switch
    {
        ConvStage c => c with { Activation = Activation.None },
        DepthwiseStage d => d with { Activation = Activation.None },
        SeparableStage s => s with { Activation = Activation.None },
        _ => stage,
    };

    /// <summary>Mostly 1 to 3 per axis, sometimes up to 5.</summary>
    private static Gen<Size2> Kernel => Gen.Frequency((4, Pair(1, 3)), (1, Pair(1, 5)));

    private static Gen<Size2> SmallDilation => Gen.Frequency((4, Gen.Constant(One)), (1, Pair(1, 2)));

    private static Gen<Activation> FusedActivation => Gen.Frequency((3, Gen.Constant<Activation>(Activation.None)), (2, Function));

    /// <summary>
    /// Any activation but none: mostly a shorthand, otherwise a ReLU with a cap, slope or threshold, a
    /// LeakyReLU with its own slope or an ELU with an alpha other than 1.
    /// </summary>
    private static Gen<Activation> Function =>
        Gen.Frequency(
            (8, Gen.Elements(Shorthands)),
            (1, from max in Gen.Elements<double?>(null, 1, 6)
                from slope in Gen.Elements(0.0, 0.1, 0.3)
                from threshold in Gen.Elements(0.0, 0.5)
                select (Activation)new Relu(max, slope, threshold)),
            (1, Gen.Elements(0.0, 0.05, 0.3, 1.5).Select(alpha => (Activation)new LeakyRelu(alpha))),
            (1, Gen.Elements(0.5, 2).Select(alpha => (Activation)new Elu(alpha))));

    /// <summary>Smaller networks that the oracle says still build: a stage, a Dense layer or the head removed.</summary>
    private static IEnumerable<NetworkDescription> Shrink(NetworkDescription network)
    {
        var candidates = new List<NetworkDescription>();
        if (network.Head != VectorHead.None)
        {
            candidates.Add(network with { Head = VectorHead.None, Dense = [] });
        }

        candidates.AddRange(network.Dense.Select((_, i) => network with { Dense = network.Dense.RemoveAt(i) }));
        candidates.AddRange(network.Body.Select((_, i) => network with { Body = network.Body.RemoveAt(i) }));
        return candidates.Where(c => c.Expected().Builds);
    }

    /// <summary>
    /// Where to plant in <paramref name="valid"/> at top-level index <paramref name="index"/>:
    /// between top-level stages, or inside the residual body, the branch or the scaled residual there.
    /// </summary>
    private static Gen<PlantSite> Site(NetworkDescription valid, int index)
    {
        var before = valid.DimsAfter(index);
        var topLevel = new PlantSite(before, s => valid with { Body = valid.Body.Insert(index, s) });
        if (index == valid.Body.Length)
        {
            return Gen.Constant(topLevel);
        }

        NetworkDescription Replace(Stage s) => valid with { Body = valid.Body.SetItem(index, s) };
        ImageDims After(IEnumerable<Stage> stages) => Stage.ExpectAll(stages, OracleScope.Start(), before);
        return valid.Body[index] switch
        {
            ResidualStage r => Gen.Frequency(
                (1, Gen.Constant(topLevel)),
                (2, from j in Gen.Choose(0, r.Body.Length)
                    select new PlantSite(After(r.Body.Take(j)), s => Replace(r.Inserting(j, s))))),
            MergeStage m => Gen.Frequency(
                (1, Gen.Constant(topLevel)),
                (2, from b in Gen.Choose(0, m.Branches.Length - 1)
                    from j in Gen.Choose(0, m.Branches[b].Length)
                    select new PlantSite(After(m.Branches[b].Take(j)), s => Replace(m.Inserting(b, j, s))))),
            ScaledAddStage a => Gen.Frequency(
                (1, Gen.Constant(topLevel)),
                (2, from j in Gen.Choose(0, a.Residual.Length)
                    select new PlantSite(After(a.Residual.Take(j)), s => Replace(a.Inserting(j, s))))),
            _ => Gen.Constant(topLevel),
        };
    }

    /// <summary>A stage named <c>planted</c> that breaks one rule on <paramref name="input"/>.</summary>
    private static Gen<Stage> Plant(PlantedError error, ImageDims input)
    {
        const string name = "planted";
        int c = input.Channels;
        bool tall = input.Height >= 2, wide = input.Width >= 2;
        Size2 halving = (tall ? 2 : 1, tall ? 1 : wide ? 2 : 1);
        return error switch
        {
            PlantedError.OversizedWindow =>
                from onHeight in Bool
                from excess in Gen.Choose(1, 2)
                from other in Gen.Choose(1, 3)
                from explicitPads in Bool
                let pad = explicitPads ? 1 : 0
                let kernel = onHeight ? new Size2(input.Height + (2 * pad) + excess, other) : new Size2(other, input.Width + (2 * pad) + excess)
                let padding = explicitPads ? Padding.Explicit(pad) : Padding.Valid
                from stage in Gen.Elements<Stage>(
                    new ConvStage(2, kernel, One, padding, One, 1, true, Activation.None, name),
                    new DepthwiseStage(kernel, One, padding, 1, One, true, Activation.None, name),
                    new SeparableStage(2, kernel, One, padding, 1, One, true, Activation.None, name),
                    new PoolStage(PoolKind.Max, kernel, One, Padding.Valid, name),
                    new PoolStage(PoolKind.Average, kernel, One, Padding.Valid, name))
                select stage,
            PlantedError.MisalignedConcat =>
                from reversed in Bool
                let shifted = tall || wide
                    ? (Stage)new PoolStage(PoolKind.Max, halving, halving, Padding.Same)
                    : new ZeroPadStage(1, 0, 0, 0)
                let branches = ImmutableArray.Create(ImmutableArray<Stage>.Empty, [shifted])
                select (Stage)new MergeStage(MergeKind.Concat, reversed ? [branches[1], branches[0]] : branches, name),
            PlantedError.MismatchedAdd =>
                Gen.Constant<Stage>(new MergeStage(
                    MergeKind.Add, [[], [new ConvStage(c + 1, One, One, Padding.Same, One, 1, true, Activation.None)]], name)),
            PlantedError.IndivisibleShuffle => Gen.Constant<Stage>(new ChannelShuffleStage(c + 1, name)),
            PlantedError.SliceOutOfRange =>
                Gen.Choose(0, c).Select(start => (Stage)new SliceChannelsStage(start, c - start + 1, name)),
            PlantedError.CroppedAway =>
                from onHeight in Bool
                from first in Gen.Choose(0, onHeight ? input.Height : input.Width)
                let rest = (onHeight ? input.Height : input.Width) - first
                select (Stage)(onHeight ? new CropStage(first, rest, 0, 0, name) : new CropStage(0, 0, first, rest, name)),
            PlantedError.PerChannelCount =>
                Gen.Elements<Stage>(
                    new RescaleStage(Enumerable.Repeat(0.5, c + 1).ToArray(), new[] { 0.0 }, name),
                    new RescaleStage(new[] { 2.0 }, Enumerable.Repeat(-1.0, c + 1).ToArray(), name),
                    new NormalizeStage(Enumerable.Repeat(0.0, c + 1).ToArray(), Enumerable.Repeat(1.0, c + 1).ToArray(), name)),
            PlantedError.InvalidActivation =>
                Gen.Elements<Activation>(
                        new Relu(MaxValue: -1),
                        new Relu(NegativeSlope: -0.1),
                        new Relu(Threshold: -0.5),
                        new Relu(MaxValue: 1, Threshold: 2),
                        new LeakyRelu(-0.1),
                        new Elu(-1),
                        Activation.None)
                    .Select(f => (Stage)new ActivationStage(f, name)),
            PlantedError.MismatchedScaledAdd =>
                Gen.Constant<Stage>(new ScaledAddStage([new ConvStage(c + 1, One, One, Padding.Same, One, 1, true, Activation.None)], 0.2, name)),
            PlantedError.ReshapedSize =>
                Gen.Constant<Stage>(new ReshapeStage((input.Height * input.Width * c) + 1, 1, 1, (input.Height * input.Width * c) + 1, name)),
            _ =>
                Gen.Constant<Stage>(new ResidualStage(
                    [tall || wide
                        ? new ConvStage(c, 3, halving, Padding.Same, One, 1, true, Activation.None)
                        : new ConvStage(c + 1, 1, One, Padding.Same, One, 1, true, Activation.None)],
                    Shortcut.Identity,
                    Activation.None,
                    name)),
        };
    }
}
