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
        int groups = 1, bool bias = true, Activation activation = Activation.None, double l2 = 0, string? name = null)
    {
        var stride = s ?? 1;
        var dil = dilation ?? 1;
        return x.Apply<Image>(
            new Conv2D(filters, kernel, stride, pad ?? Padding.Valid, dil, groups, bias, activation, l2),
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
        bool bias = true, Activation activation = Activation.None, string? name = null)
    {
        var stride = s ?? 1;
        var dil = dilation ?? 1;
        return x.Apply<Image>(
            new DepthwiseConv2D(kernel, stride, pad ?? Padding.Valid, depthMultiplier, dil, bias, activation),
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
        Size2? dilation = null, bool bias = true, Activation activation = Activation.None, string? name = null)
    {
        var stride = s ?? 1;
        var dil = dilation ?? 1;
        return x.Apply<Image>(
            new SeparableConv2D(filters, kernel, stride, pad ?? Padding.Valid, depthMultiplier, dil, bias, activation),
            name);
    }

    /// <summary>Max pooling; the stride defaults to the pool size, as in Keras.</summary>
    /// <exception cref="NetBuildException">An argument is out of range or the pool does not fit.</exception>
    public static Net<Image> MaxPool(this Net<Image> x, Size2 pool, Size2? s = null, Padding? pad = null, string? name = null) =>
        Pool(x, PoolKind.Max, pool, s, pad, name);

    /// <summary>Average pooling over real cells; the stride defaults to the pool size.</summary>
    /// <exception cref="NetBuildException">An argument is out of range or the pool does not fit.</exception>
    public static Net<Image> AvgPool(this Net<Image> x, Size2 pool, Size2? s = null, Padding? pad = null, string? name = null) =>
        Pool(x, PoolKind.Average, pool, s, pad, name);

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
        this Net<Image> x, int units, bool bias = true, Activation activation = Activation.None, double l2 = 0, string? name = null) =>
        x.Apply<Image>(new Dense(units, bias, activation, l2), name);

    /// <summary>Flattens to a vector in (H, W, C) order.</summary>
    public static Net<Vector> Flatten(this Net<Image> x, string? name = null) => x.Apply<Vector>(new Layers.Flatten(), name);

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

    /// <summary>Local response normalisation across channels, AlexNet's defaults.</summary>
    /// <exception cref="NetBuildException">size is not positive.</exception>
    public static Net<Image> Lrn(this Net<Image> x, int size = 5, double alpha = 1e-4, double beta = 0.75, double k = 2, string? name = null) =>
        x.Apply<Image>(
            new LocalResponseNormalization(size, alpha, beta, k),
            name);

    private static Net<Image> Pool(Net<Image> x, PoolKind kind, Size2 pool, Size2? s, Padding? pad, string? name)
    {
        var stride = s ?? pool;
        return x.Apply<Image>(
            new Pooling2D(kind, pool, stride, pad ?? Padding.Valid),
            name);
    }
}
