using FluentNets.Layers;

namespace FluentNets;

/// <summary>Layers on an image: convolutions, pooling, padding, normalisation, flattening, and Dense over the channels.</summary>
public static class ImageLayers
{
    /// <summary>A 2-D convolution (Keras <c>Conv2D</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">Kernel size: <c>3</c> or <c>(1, 7)</c>.</param>
    /// <param name="s">Stride, 1 by default.</param>
    /// <param name="pad">Padding, <see cref="Padding.Valid"/> by default.</param>
    /// <param name="dilation">Dilation, 1 by default.</param>
    /// <param name="groups">Channel groups, 1 by default.</param>
    /// <param name="bias">Whether a bias is added.</param>
    /// <param name="activation">Fused activation.</param>
    /// <param name="l2">L2 kernel regularisation factor.</param>
    /// <param name="name">Layer name; automatic (<c>conv2d</c>, <c>conv2d_1</c>...) when omitted.</param>
    /// <exception cref="NetBuildException">An argument is out of range or the kernel does not fit.</exception>
    public static Net<Image> Conv(
        this Net<Image> x, int filters, Size2 kernel, Size2? s = null, Padding? pad = null, Size2? dilation = null,
        int groups = 1, bool bias = true, Activation? activation = null, double l2 = 0, string? name = null)
    {
        var stride = s ?? 1;
        var dil = dilation ?? 1;
        return x.Apply<Image>(
            new Conv2D(filters, kernel, stride, pad ?? Padding.Valid, dil, groups, bias, activation ?? Activation.None, l2),
            name);
    }

    /// <summary>A depthwise convolution (Keras <c>DepthwiseConv2D</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="kernel">Kernel size.</param>
    /// <param name="depthMultiplier">Output channels per input channel.</param>
    /// <param name="s">Stride, 1 by default.</param>
    /// <param name="pad">Padding, <see cref="Padding.Valid"/> by default.</param>
    /// <param name="dilation">Dilation, 1 by default.</param>
    /// <param name="bias">Whether a bias is added.</param>
    /// <param name="activation">Fused activation.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="NetBuildException">An argument is out of range or the kernel does not fit.</exception>
    public static Net<Image> DepthwiseConv(
        this Net<Image> x, Size2 kernel, int depthMultiplier = 1, Size2? s = null, Padding? pad = null, Size2? dilation = null,
        bool bias = true, Activation? activation = null, string? name = null)
    {
        var stride = s ?? 1;
        var dil = dilation ?? 1;
        return x.Apply<Image>(
            new DepthwiseConv2D(kernel, stride, pad ?? Padding.Valid, depthMultiplier, dil, bias, activation ?? Activation.None),
            name);
    }

    /// <summary>A depthwise-separable convolution (Keras <c>SeparableConv2D</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">Depthwise kernel size.</param>
    /// <param name="s">Stride, 1 by default.</param>
    /// <param name="pad">Padding, <see cref="Padding.Valid"/> by default.</param>
    /// <param name="depthMultiplier">Depthwise channels per input channel.</param>
    /// <param name="dilation">Dilation, 1 by default.</param>
    /// <param name="bias">Whether the pointwise step adds a bias.</param>
    /// <param name="activation">Fused activation.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="NetBuildException">An argument is out of range or the kernel does not fit.</exception>
    public static Net<Image> SeparableConv(
        this Net<Image> x, int filters, Size2 kernel, Size2? s = null, Padding? pad = null, int depthMultiplier = 1,
        Size2? dilation = null, bool bias = true, Activation? activation = null, string? name = null)
    {
        var stride = s ?? 1;
        var dil = dilation ?? 1;
        return x.Apply<Image>(
            new SeparableConv2D(filters, kernel, stride, pad ?? Padding.Valid, depthMultiplier, dil, bias, activation ?? Activation.None),
            name);
    }

    /// <summary>Max pooling; the stride defaults to the pool size, as in Keras and PyTorch.</summary>
    /// <param name="x">The input.</param>
    /// <param name="pool">Window size.</param>
    /// <param name="s">Stride, the pool size by default.</param>
    /// <param name="pad">Padding, <see cref="Padding.Valid"/> by default; padded cells never win.</param>
    /// <param name="ceilMode">PyTorch's <c>ceil_mode</c>: keep a last, partial window (<see cref="ShapeRules.CeilOutputSize"/>).</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="NetBuildException">An argument is out of range or the pool does not fit.</exception>
    public static Net<Image> MaxPool(this Net<Image> x, Size2 pool, Size2? s = null, Padding? pad = null, bool ceilMode = false, string? name = null) =>
        x.Apply<Image>(new Pooling2D(PoolKind.Max, pool, s ?? pool, pad ?? Padding.Valid, ceilMode), name);

    /// <summary>Average pooling; the stride defaults to the pool size.</summary>
    /// <param name="x">The input.</param>
    /// <param name="pool">Window size.</param>
    /// <param name="s">Stride, the pool size by default.</param>
    /// <param name="pad">Padding, <see cref="Padding.Valid"/> by default.</param>
    /// <param name="ceilMode">PyTorch's <c>ceil_mode</c>: keep a last, partial window (<see cref="ShapeRules.CeilOutputSize"/>).</param>
    /// <param name="countPadding">
    /// PyTorch's <c>count_include_pad</c> (its default): padded cells count in each window's divisor.
    /// False by default, Keras's rule: the mean of the real cells only.
    /// </param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="NetBuildException">An argument is out of range or the pool does not fit.</exception>
    public static Net<Image> AvgPool(
        this Net<Image> x, Size2 pool, Size2? s = null, Padding? pad = null, bool ceilMode = false, bool countPadding = false, string? name = null) =>
        x.Apply<Image>(new Pooling2D(PoolKind.Average, pool, s ?? pool, pad ?? Padding.Valid, ceilMode, countPadding), name);

    /// <summary>
    /// PyTorch's <c>AdaptiveAvgPool2d</c>: the mean of each channel over <paramref name="outputSize"/>
    /// bins, so the output size is the same for every input size (AlexNet's and VGG's <c>(6, 6)</c>
    /// and <c>(7, 7)</c> before their classifiers).
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="outputSize">Output height and width.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="NetBuildException">The output size is not positive.</exception>
    public static Net<Image> AdaptiveAvgPool(this Net<Image> x, Size2 outputSize, string? name = null) =>
        x.Apply<Image>(new AdaptiveAveragePooling2D(outputSize), name);

    /// <summary>Average of each channel over all positions.</summary>
    public static Net<Vector> GlobalAvgPool(this Net<Image> x, string? name = null) =>
        x.Apply<Vector>(new GlobalPooling2D(PoolKind.Average), name);

    /// <summary>Maximum of each channel over all positions.</summary>
    public static Net<Vector> GlobalMaxPool(this Net<Image> x, string? name = null) =>
        x.Apply<Vector>(new GlobalPooling2D(PoolKind.Max), name);

    /// <summary>Zero padding of <paramref name="p"/> on every side.</summary>
    /// <exception cref="NetBuildException">The padding is negative.</exception>
    public static Net<Image> ZeroPad(this Net<Image> x, int p, string? name = null) => x.ZeroPad((p, p, p, p), name);

    /// <summary>Zero padding given side by side.</summary>
    /// <exception cref="NetBuildException">A side is negative.</exception>
    public static Net<Image> ZeroPad(this Net<Image> x, (int Top, int Bottom, int Left, int Right) pads, string? name = null) =>
        x.Apply<Image>(
            new ZeroPadding2D(pads.Top, pads.Bottom, pads.Left, pads.Right),
            name);

    /// <summary>
    /// Keras's <c>Dense</c> on an image: it acts on the last axis, the channels, with one kernel
    /// shared by every position, so an HxWxC image becomes HxWx<paramref name="units"/> (a 1x1 map
    /// of 1024 channels becomes 1x1x1000 under <c>Dense(1000)</c>, as seed 000's GoogLeNet writes
    /// it). Parameters: C·units + units, as on a vector.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="units">Output channels.</param>
    /// <param name="bias">Whether a bias is added.</param>
    /// <param name="activation">Fused activation, over the channels for softmax.</param>
    /// <param name="l2">L2 kernel regularisation factor.</param>
    /// <param name="name">Layer name; automatic (<c>dense</c>, <c>dense_1</c>...) when omitted.</param>
    /// <exception cref="NetBuildException">units is not positive or l2 is negative.</exception>
    public static Net<Image> Dense(
        this Net<Image> x, int units, bool bias = true, Activation? activation = null, double l2 = 0, string? name = null) =>
        x.Apply<Image>(new Dense(units, bias, activation ?? Activation.None, l2), name);

    /// <summary>Flattens to a vector in (H, W, C) order, as Keras does.</summary>
    /// <param name="x">The input.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="order">
    /// <see cref="FlattenOrder.ChannelsHeightWidth"/> for PyTorch's <c>torch.flatten</c> order, so a
    /// torchvision classifier's weight reads as it is.
    /// </param>
    public static Net<Vector> Flatten(this Net<Image> x, string? name = null, FlattenOrder order = FlattenOrder.HeightWidthChannels) =>
        x.Apply<Vector>(new Layers.Flatten(order), name);

    /// <summary>Batch normalisation with Keras's defaults.</summary>
    /// <param name="x">The input.</param>
    /// <param name="momentum">Keras momentum of the moving statistics, in [0, 1).</param>
    /// <param name="epsilon">Added to the variance, positive.</param>
    /// <param name="center">Learn beta.</param>
    /// <param name="scale">Learn gamma.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="NetBuildException">momentum or epsilon is out of range.</exception>
    public static Net<Image> BatchNorm(
        this Net<Image> x, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true, string? name = null) =>
        x.Apply<Image>(
            new BatchNormalization(momentum, epsilon, center, scale),
            name);

    /// <summary>
    /// PyTorch's <c>BatchNorm2d</c>, said in PyTorch's terms: <paramref name="eps"/> 1e-5 and
    /// <paramref name="momentum"/> 0.1, the weight of each batch's statistics in the running ones
    /// (Keras's momentum is 1 minus it); <paramref name="affine"/> learns both weight and bias.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="eps">Added to the variance, positive.</param>
    /// <param name="momentum">PyTorch's momentum, in (0, 1].</param>
    /// <param name="affine">Learn weight (gamma) and bias (beta).</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="NetBuildException">momentum or eps is out of range.</exception>
    public static Net<Image> TorchBatchNorm(this Net<Image> x, double eps = 1e-5, double momentum = 0.1, bool affine = true, string? name = null)
    {
        if (!(momentum is > 0 and <= 1))
        {
            string shown = x.Context.Propose(x.Scope, "batch_normalization", name);
            throw new NetBuildException(shown, [x.Shape], $"{shown}: PyTorch's momentum must be in (0, 1]. Received: momentum={momentum}.");
        }

        return x.Apply<Image>(new BatchNormalization(1 - momentum, eps, affine, affine), name);
    }

    /// <summary>Local response normalisation across channels, AlexNet's defaults.</summary>
    /// <exception cref="NetBuildException">size is not positive.</exception>
    public static Net<Image> Lrn(this Net<Image> x, int size = 5, double alpha = 1e-4, double beta = 0.75, double k = 2, string? name = null) =>
        x.Apply<Image>(
            new LocalResponseNormalization(size, alpha, beta, k),
            name);

    /// <summary>Keras's <c>GlobalAveragePooling2D(keepdims=True)</c>: the mean of each channel as a 1x1 map.</summary>
    public static Net<Image> GlobalAvgPoolKeepDims(this Net<Image> x, string? name = null) =>
        x.Apply<Image>(new GlobalPooling2D(PoolKind.Average, KeepDims: true), name);

    /// <summary>Keras's <c>GlobalMaxPooling2D(keepdims=True)</c>: the maximum of each channel as a 1x1 map.</summary>
    public static Net<Image> GlobalMaxPoolKeepDims(this Net<Image> x, string? name = null) =>
        x.Apply<Image>(new GlobalPooling2D(PoolKind.Max, KeepDims: true), name);

    /// <summary>Keras's <c>Cropping2D</c>: <paramref name="p"/> rows and columns removed on every side.</summary>
    /// <exception cref="NetBuildException">The cropping is negative or leaves nothing.</exception>
    public static Net<Image> Crop(this Net<Image> x, int p, string? name = null) => x.Crop((p, p, p, p), name);

    /// <summary>Keras's <c>Cropping2D</c> side by side: <c>Cropping2D(((1, 0), (1, 0)))</c> is <c>Crop((1, 0, 1, 0))</c>.</summary>
    /// <exception cref="NetBuildException">A side is negative, or the cropping leaves nothing.</exception>
    public static Net<Image> Crop(this Net<Image> x, (int Top, int Bottom, int Left, int Right) cropping, string? name = null) =>
        x.Apply<Image>(new Cropping2D(cropping.Top, cropping.Bottom, cropping.Left, cropping.Right), name);

    /// <summary>ShuffleNet's channel shuffle over <paramref name="groups"/> groups.</summary>
    /// <exception cref="NetBuildException">groups does not divide the channels.</exception>
    public static Net<Image> ChannelShuffle(this Net<Image> x, int groups, string? name = null) =>
        x.Apply<Image>(new ChannelShuffle(groups), name);

    /// <summary>Channels <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1.</summary>
    /// <exception cref="NetBuildException">The range is not within the channels.</exception>
    public static Net<Image> SliceChannels(this Net<Image> x, int start, int count, string? name = null) =>
        x.Apply<Image>(new ChannelSlice(start, count), name);

    /// <summary>
    /// The channels split into <paramref name="parts"/> equal slices, as torchvision's <c>x.chunk(parts, dim=1)</c>;
    /// slice i is named <c>{name}_{i}</c> when a name is given.
    /// </summary>
    /// <exception cref="NetBuildException">The channels do not divide by parts.</exception>
    public static Net<Image>[] SplitChannels(this Net<Image> x, int parts = 2, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        int c = x.Shape.Channels;
        if (parts <= 0 || c % parts != 0)
        {
            string shown = x.Context.Propose(x.Scope, "channel_slice", name is null ? null : $"{name}_0");
            throw new NetBuildException(shown, [x.Shape], $"{shown}: {parts} equal parts must divide the input's channels {c}. Received: parts={parts}.");
        }

        int size = c / parts;
        return Enumerable.Range(0, parts).Select(i => x.SliceChannels(i * size, size, name is null ? null : $"{name}_{i}")).ToArray();
    }

    /// <summary>Keras's <c>Reshape((length,))</c> of an image of as many values, in (H, W, C) order.</summary>
    /// <exception cref="NetBuildException">The image does not hold <paramref name="length"/> values.</exception>
    public static Net<Vector> Reshape(this Net<Image> x, int length, string? name = null) =>
        x.Apply<Vector>(new Reshape(Shape.Vector(length)), name);
}
