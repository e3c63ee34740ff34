using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Row-major (NCHW) strides, size-1 axes included. A tensor of 1x1 rows and columns made by a
/// permute, (N, C, 1, 1) with strides (C, 1, C, C), is contiguous to libtorch yet reads as
/// channels-last to its kernel choice, and oneDNN's channels-last convolutions are wrong on this
/// CPU where its NCHW ones are right (a 1x1 convolution 1920 -&gt; 80 at batch 2 is off by 0.5 of
/// its range), which <see cref="ConvolutionKernelCheck"/>, measuring NCHW inputs, cannot see.
/// </summary>
internal static class StandardLayout
{
    /// <summary>Whether <paramref name="x"/>'s strides are the row-major strides of its shape.</summary>
    public static bool Holds(Tensor x)
    {
        long[] shape = x.shape, strides = x.stride();
        long expected = 1;
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            if (strides[axis] != expected)
            {
                return false;
            }

            expected *= shape[axis];
        }

        return true;
    }

    /// <summary>A new handle to <paramref name="x"/> where it holds row-major strides; otherwise a row-major copy of it.</summary>
    public static Tensor Of(Tensor x) => Holds(x) ? x.alias() : Copy(x);

    /// <summary>A row-major copy of <paramref name="x"/>, whatever its strides.</summary>
    public static Tensor Copy(Tensor x)
    {
        var copy = empty(x.shape, x.dtype, x.device);
        var written = copy.copy_(x);
        if (!ReferenceEquals(written, copy))
        {
            written.Dispose();
        }

        return copy;
    }
}
