using System.Numerics;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference.Kernels;

/// <summary>Grouped, strided, dilated, zero-padded 2-D convolution; depthwise is groups = input channels.</summary>
internal static class ConvolutionKernel
{
    /// <summary>
    /// y[n, f, oy, ox] = sum over the group's input channels c and taps (ky, kx) of
    /// w[f, c, ky, kx] * x[n, g * Cg + c, oy * Sh - top + ky * Dh, ox * Sw - left + kx * Dw] + b[f],
    /// where g = f / (F / groups) and cells outside the input are zero. With groups = C and
    /// F = C * m, output channel c * m + k reads input channel c: PyTorch's depthwise layout.
    /// </summary>
    /// <param name="x">(N, C, H, W).</param>
    /// <param name="weight">(F, C / groups, Kh, Kw).</param>
    /// <param name="bias">(F), or null.</param>
    /// <param name="filters">F.</param>
    /// <param name="groups">Channel groups.</param>
    /// <param name="window">Kernel, stride, dilation and pads.</param>
    /// <param name="outH">Output height.</param>
    /// <param name="outW">Output width.</param>
    public static Tensor<T> Apply<T>(Tensor<T> x, T[] weight, T[]? bias, int filters, int groups, Window2D window, int outH, int outW)
        where T : IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.Image(x.N, filters, outH, outW);
        int inPerGroup = x.C / groups, outPerGroup = filters / groups;
        int kh = window.Kernel.H, kw = window.Kernel.W;

        // Each (example, filter) plane is written by one iteration in a fixed order, so results do not depend on scheduling.
        Parallel.For(0, x.N * filters, nf =>
        {
            int n = nf / filters, f = nf % filters, group = f / outPerGroup;
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    T sum = T.Zero;
                    for (int c = 0; c < inPerGroup; c++)
                    {
                        int plane = x.Index(n, group * inPerGroup + c, 0, 0);
                        int taps = (f * inPerGroup + c) * kh * kw;
                        for (int ky = 0; ky < kh; ky++)
                        {
                            int iy = oy * window.Stride.H - window.PadTop + ky * window.Dilation.H;
                            if (iy < 0 || iy >= x.H)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < kw; kx++)
                            {
                                int ix = ox * window.Stride.W - window.PadLeft + kx * window.Dilation.W;
                                if (ix >= 0 && ix < x.W)
                                {
                                    sum += weight[taps + ky * kw + kx] * x.Data[plane + iy * x.W + ix];
                                }
                            }
                        }
                    }

                    y[n, f, oy, ox] = bias is null ? sum : sum + bias[f];
                }
            }
        });
        return y;
    }
}
