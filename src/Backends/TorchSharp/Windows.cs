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
    /// explicit -inf pad.
    /// </summary>
    public static Tensor MaxPool(Tensor x, Window2D window)
    {
        long[] kernel = [window.Kernel.H, window.Kernel.W];
        long[] stride = [window.Stride.H, window.Stride.W];
        if (window.IsUnpadded)
        {
            return F.max_pool2d(x, kernel, stride);
        }

        if (FitsLibTorchPadding(window))
        {
            return F.max_pool2d(x, kernel, stride, [window.PadTop, window.PadLeft]);
        }

        using var padded = F.pad(x, PadArgument(window), PaddingModes.Constant, double.NegativeInfinity);
        return F.max_pool2d(padded, kernel, stride);
    }

    /// <summary>
    /// Average pooling over the real cells of each window, as Keras does: libtorch's
    /// <c>count_include_pad: false</c> when the pads are symmetric, otherwise the zero-padded sum
    /// divided by the share of real cells (the same pooling applied to a zero-padded ones mask).
    /// </summary>
    public static Tensor AvgPool(Tensor x, Window2D window)
    {
        long[] kernel = [window.Kernel.H, window.Kernel.W];
        long[] stride = [window.Stride.H, window.Stride.W];
        if (window.IsUnpadded)
        {
            return F.avg_pool2d(x, kernel, stride);
        }

        if (FitsLibTorchPadding(window))
        {
            return F.avg_pool2d(x, kernel, stride, [window.PadTop, window.PadLeft], count_include_pad: false);
        }

        long[] pads = PadArgument(window);
        using var padded = F.pad(x, pads);
        using var sums = F.avg_pool2d(padded, kernel, stride);
        using var mask = ones([1, 1, x.shape[2], x.shape[3]], x.dtype, x.device);
        using var paddedMask = F.pad(mask, pads);
        using var share = F.avg_pool2d(paddedMask, kernel, stride);
        return sums.div(share);
    }

    private static bool FitsLibTorchPadding(Window2D window) =>
        window.IsSymmetric && 2 * window.PadTop <= window.Kernel.H && 2 * window.PadLeft <= window.Kernel.W;
}
