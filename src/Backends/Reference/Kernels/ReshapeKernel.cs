using System.Numerics;

namespace FluentNets.Backends.Reference.Kernels;

/// <summary>Layers that move values without arithmetic: zero padding and flattening.</summary>
internal static class ReshapeKernel
{
    /// <summary>Surrounds each plane with zero rows and columns.</summary>
    public static Tensor<T> ZeroPad<T>(Tensor<T> x, int top, int bottom, int left, int right)
        where T : IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.Image(x.N, x.C, x.H + top + bottom, x.W + left + right);
        for (int n = 0; n < x.N; n++)
        {
            for (int c = 0; c < x.C; c++)
            {
                for (int h = 0; h < x.H; h++)
                {
                    for (int w = 0; w < x.W; w++)
                    {
                        y[n, c, h + top, w + left] = x[n, c, h, w];
                    }
                }
            }
        }

        return y;
    }

    /// <summary>
    /// (N, C, H, W) to (N, H * W * C) in the DSL's (H, W, C) order, as Keras flattens a
    /// channels-last image: feature (h * W + w) * C + c holds x[n, c, h, w]. This is not a plain
    /// reshape of the NCHW buffer, so a dense layer after it sees Keras's feature order.
    /// </summary>
    public static Tensor<T> Flatten<T>(Tensor<T> x)
        where T : IFloatingPointIeee754<T>
    {
        int features = x.C * x.H * x.W;
        var y = Tensor<T>.Vector(x.N, features);
        for (int n = 0; n < x.N; n++)
        {
            for (int c = 0; c < x.C; c++)
            {
                for (int h = 0; h < x.H; h++)
                {
                    for (int w = 0; w < x.W; w++)
                    {
                        y.Data[n * features + (h * x.W + w) * x.C + c] = x[n, c, h, w];
                    }
                }
            }
        }

        return y;
    }

    /// <summary>
    /// (N, C, H, W) to (N, C * H * W) in PyTorch's (C, H, W) order, <c>torch.flatten(x, 1)</c>: the
    /// NCHW buffer as it is, feature (c * H + h) * W + w holding x[n, c, h, w].
    /// </summary>
    public static Tensor<T> FlattenChannelsFirst<T>(Tensor<T> x)
        where T : IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.Vector(x.N, x.C * x.H * x.W);
        Array.Copy(x.Data, y.Data, x.Data.Length);
        return y;
    }

    /// <summary>
    /// (N, H * W * C) in Keras's (H, W, C) order to (N, C, H, W), the inverse of <see cref="Flatten{T}"/>:
    /// x[n, c, h, w] is feature (h * W + w) * C + c.
    /// </summary>
    public static Tensor<T> ToImage<T>(Tensor<T> x, int height, int width)
        where T : IFloatingPointIeee754<T>
    {
        int channels = x.C / (height * width);
        var y = Tensor<T>.Image(x.N, channels, height, width);
        for (int n = 0; n < x.N; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int h = 0; h < height; h++)
                {
                    for (int w = 0; w < width; w++)
                    {
                        y[n, c, h, w] = x.Data[n * x.C + (h * width + w) * channels + c];
                    }
                }
            }
        }

        return y;
    }

    /// <summary>Rows <paramref name="top"/> to H - <paramref name="bottom"/> and columns <paramref name="left"/> to W - <paramref name="right"/>.</summary>
    public static Tensor<T> Crop<T>(Tensor<T> x, int top, int bottom, int left, int right)
        where T : IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.Image(x.N, x.C, x.H - top - bottom, x.W - left - right);
        for (int n = 0; n < x.N; n++)
        {
            for (int c = 0; c < x.C; c++)
            {
                for (int h = 0; h < y.H; h++)
                {
                    for (int w = 0; w < y.W; w++)
                    {
                        y[n, c, h, w] = x[n, c, h + top, w + left];
                    }
                }
            }
        }

        return y;
    }

    /// <summary>Output channel c is input channel <paramref name="take"/>(c), at every position.</summary>
    public static Tensor<T> Channels<T>(Tensor<T> x, int count, Func<int, int> take)
        where T : IFloatingPointIeee754<T>
    {
        var y = x.IsImage ? Tensor<T>.Image(x.N, count, x.H, x.W) : Tensor<T>.Vector(x.N, count);
        for (int n = 0; n < x.N; n++)
        {
            for (int c = 0; c < count; c++)
            {
                Array.Copy(x.Data, (n * x.C + take(c)) * x.Plane, y.Data, (n * count + c) * y.Plane, y.Plane);
            }
        }

        return y;
    }
}
