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
