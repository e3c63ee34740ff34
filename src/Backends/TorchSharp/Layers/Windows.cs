using FluentNets.Layers;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Convolution and pooling windows with the DSL's resolved pads (<see cref="Window2D"/>): symmetric
/// pads go to libtorch's own padding argument, asymmetric ones (TensorFlow's SAME with an odd
/// total, or explicit pads) become an explicit <c>F.pad</c> first.
/// </summary>
internal static class Windows
{
    /// <summary>The libtorch padding argument (rows, columns) when the pads are symmetric; null when they need an explicit pad.</summary>
    public static long[]? SymmetricPadding(Window2D window) =>
        window.IsSymmetric ? [window.PadTop, window.PadLeft] : null;

    /// <summary>The <c>F.pad</c> argument, last axis first: (left, right, top, bottom).</summary>
    public static long[] PadArgument(Window2D window) => [window.PadLeft, window.PadRight, window.PadTop, window.PadBottom];

    /// <summary>
    /// Max pooling where padding never wins: libtorch's own padding (which pads with -inf) when
    /// the pads are symmetric and at most half the window, as libtorch requires; otherwise an
    /// explicit -inf pad, extended at the bottom and right to the DSL's output size in ceil mode.
    /// </summary>
    public static Tensor MaxPool(Tensor x, Window2D window, bool ceilMode, long outH, long outW)
    {
        long[] kernel = [window.Kernel.H, window.Kernel.W];
        long[] stride = [window.Stride.H, window.Stride.W];
        if (window.IsUnpadded)
        {
            return F.max_pool2d(x, kernel, stride, ceil_mode: ceilMode);
        }

        if (FitsLibTorchPadding(window))
        {
            return F.max_pool2d(x, kernel, stride, [window.PadTop, window.PadLeft], ceil_mode: ceilMode);
        }

        using var padded = F.pad(x, PaddedTo(window, x, outH, outW), PaddingModes.Constant, double.NegativeInfinity);
        return F.max_pool2d(padded, kernel, stride);
    }

    /// <summary>
    /// Average pooling. libtorch does it alone when the pads are symmetric and at most half the
    /// window: <c>count_include_pad</c> as <paramref name="countPadding"/>, ceil mode as asked.
    /// Otherwise the zero-padded sum is divided by the share of the window's cells that count:
    /// the same pooling of a mask that is one over the real cells (and over the pads when they
    /// count) and zero over the rest, the rows and columns a ceil-mode overhang adds included.
    /// </summary>
    public static Tensor AvgPool(Tensor x, Window2D window, bool ceilMode, bool countPadding, long outH, long outW)
    {
        long[] kernel = [window.Kernel.H, window.Kernel.W];
        long[] stride = [window.Stride.H, window.Stride.W];
        if (window.IsUnpadded)
        {
            // Without padding libtorch counts only the cells inside the input, ceil mode or not.
            return F.avg_pool2d(x, kernel, stride, ceil_mode: ceilMode);
        }

        if (FitsLibTorchPadding(window))
        {
            return F.avg_pool2d(x, kernel, stride, [window.PadTop, window.PadLeft], ceil_mode: ceilMode, count_include_pad: countPadding);
        }

        long[] pads = PaddedTo(window, x, outH, outW);
        using var padded = F.pad(x, pads);
        using var sums = F.avg_pool2d(padded, kernel, stride);
        long h = x.shape[2], w = x.shape[3];
        using var mask = countPadding
            ? ones([1, 1, h + window.PadTop + window.PadBottom, w + window.PadLeft + window.PadRight], x.dtype, x.device)
            : ones([1, 1, h, w], x.dtype, x.device);
        long[] maskPads = countPadding ? [0, pads[1] - window.PadRight, 0, pads[3] - window.PadBottom] : pads;
        using var paddedMask = F.pad(mask, maskPads);
        using var share = F.avg_pool2d(paddedMask, kernel, stride);
        return sums.div(share);
    }

    /// <summary>
    /// The <c>F.pad</c> argument of the window's pads, with the bottom and right extended so that a
    /// floor-mode pool of the padded input gives <paramref name="outH"/> x <paramref name="outW"/>: in ceil
    /// mode, PyTorch's rule measures the overhang from the declared pads, which libtorch's own
    /// ceil mode cannot see once the input is padded by hand.
    /// </summary>
    private static long[] PaddedTo(Window2D window, Tensor x, long outH, long outW)
    {
        long extraH = Math.Max((outH - 1) * window.Stride.H + window.Kernel.H - (x.shape[2] + window.PadTop + window.PadBottom), 0);
        long extraW = Math.Max((outW - 1) * window.Stride.W + window.Kernel.W - (x.shape[3] + window.PadLeft + window.PadRight), 0);
        return [window.PadLeft, window.PadRight + extraW, window.PadTop, window.PadBottom + extraH];
    }

    private static bool FitsLibTorchPadding(Window2D window) =>
        window.IsSymmetric && 2 * window.PadTop <= window.Kernel.H && 2 * window.PadLeft <= window.Kernel.W;
}
