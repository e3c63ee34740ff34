using System.Numerics;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference.Kernels;

/// <summary>Windowed and global max and average pooling.</summary>
internal static class PoolingKernel
{
    /// <summary>The maximum over each window's real cells: a padded cell counts as minus infinity, so padding never wins.</summary>
    public static Tensor<T> Max<T>(Tensor<T> x, Window2D window, int outH, int outW)
        where T : IFloatingPointIeee754<T> =>
        Pool(x, window, outH, outW, cells => cells.Aggregate(T.NegativeInfinity, T.Max));

    /// <summary>The mean over each window's real cells only, padding excluded from the count, as Keras does.</summary>
    public static Tensor<T> Average<T>(Tensor<T> x, Window2D window, int outH, int outW)
        where T : IFloatingPointIeee754<T> =>
        Pool(x, window, outH, outW, cells => cells.Aggregate(T.Zero, (a, b) => a + b) / T.CreateChecked(cells.Count));

    /// <summary>
    /// PyTorch's <c>count_include_pad</c> average: the sum of each window's real cells divided by the
    /// number of its cells inside the padded input, [-top, H + bottom) by [-left, W + right), so pads
    /// count and a ceil-mode overhang beyond them does not.
    /// </summary>
    public static Tensor<T> AverageCountingPadding<T>(Tensor<T> x, Window2D window, int outH, int outW)
        where T : IFloatingPointIeee754<T>
    {
        var sums = Pool(x, window, outH, outW, cells => cells.Aggregate(T.Zero, (a, b) => a + b));
        for (int oy = 0; oy < outH; oy++)
        {
            int rows = Inside(oy * window.Stride.H - window.PadTop, window.Kernel.H, -window.PadTop, x.H + window.PadBottom);
            for (int ox = 0; ox < outW; ox++)
            {
                int cols = Inside(ox * window.Stride.W - window.PadLeft, window.Kernel.W, -window.PadLeft, x.W + window.PadRight);
                T divisor = T.CreateChecked(rows * cols);
                for (int nc = 0; nc < sums.N * sums.C; nc++)
                {
                    sums.Data[(nc * outH + oy) * outW + ox] /= divisor;
                }
            }
        }

        return sums;
    }

    /// <summary>
    /// PyTorch's <c>AdaptiveAvgPool2d</c>: output (i, j) is the mean of input rows
    /// [floor(i H / O_h), ceil((i + 1) H / O_h)) and the columns alike (<see cref="ShapeRules.AdaptiveBin"/>).
    /// </summary>
    public static Tensor<T> AdaptiveAverage<T>(Tensor<T> x, int outH, int outW)
        where T : IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.Image(x.N, x.C, outH, outW);
        for (int oy = 0; oy < outH; oy++)
        {
            var (top, bottom) = ShapeRules.AdaptiveBin(oy, x.H, outH);
            for (int ox = 0; ox < outW; ox++)
            {
                var (left, right) = ShapeRules.AdaptiveBin(ox, x.W, outW);
                T count = T.CreateChecked((bottom - top) * (right - left));
                for (int n = 0; n < x.N; n++)
                {
                    for (int c = 0; c < x.C; c++)
                    {
                        T sum = T.Zero;
                        for (int iy = top; iy < bottom; iy++)
                        {
                            for (int ix = left; ix < right; ix++)
                            {
                                sum += x[n, c, iy, ix];
                            }
                        }

                        y[n, c, oy, ox] = sum / count;
                    }
                }
            }
        }

        return y;
    }

    /// <summary>(N, C, H, W) to (N, C): the maximum of each channel.</summary>
    public static Tensor<T> GlobalMax<T>(Tensor<T> x)
        where T : IFloatingPointIeee754<T> =>
        Global(x, plane => plane.Aggregate(T.NegativeInfinity, T.Max));

    /// <summary>(N, C, H, W) to (N, C): the mean of each channel.</summary>
    public static Tensor<T> GlobalAverage<T>(Tensor<T> x)
        where T : IFloatingPointIeee754<T> =>
        Global(x, plane => plane.Aggregate(T.Zero, (a, b) => a + b) / T.CreateChecked(plane.Count));

    private static Tensor<T> Pool<T>(Tensor<T> x, Window2D window, int outH, int outW, Func<List<T>, T> reduce)
        where T : IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.Image(x.N, x.C, outH, outW);
        var cells = new List<T>();
        for (int n = 0; n < x.N; n++)
        {
            for (int c = 0; c < x.C; c++)
            {
                for (int oy = 0; oy < outH; oy++)
                {
                    for (int ox = 0; ox < outW; ox++)
                    {
                        cells.Clear();
                        for (int ky = 0; ky < window.Kernel.H; ky++)
                        {
                            for (int kx = 0; kx < window.Kernel.W; kx++)
                            {
                                int iy = oy * window.Stride.H - window.PadTop + ky;
                                int ix = ox * window.Stride.W - window.PadLeft + kx;
                                if (iy >= 0 && iy < x.H && ix >= 0 && ix < x.W)
                                {
                                    cells.Add(x[n, c, iy, ix]);
                                }
                            }
                        }

                        y[n, c, oy, ox] = reduce(cells);
                    }
                }
            }
        }

        return y;
    }

    /// <summary>How many of the cells [start, start + kernel) lie in [low, high).</summary>
    private static int Inside(int start, int kernel, int low, int high) => Math.Min(start + kernel, high) - Math.Max(start, low);

    private static Tensor<T> Global<T>(Tensor<T> x, Func<ArraySegment<T>, T> reduce)
        where T : IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.Vector(x.N, x.C);
        for (int i = 0; i < x.N * x.C; i++)
        {
            y.Data[i] = reduce(new ArraySegment<T>(x.Data, i * x.Plane, x.Plane));
        }

        return y;
    }
}
