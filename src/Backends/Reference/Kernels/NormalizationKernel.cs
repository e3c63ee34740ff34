using System.Numerics;

namespace FluentNets.Backends.Reference.Kernels;

/// <summary>Batch normalisation (inference and training) and local response normalisation.</summary>
internal static class NormalizationKernel
{
    /// <summary>(x - mean[c]) / sqrt(var[c] + eps) * gamma[c] + beta[c], gamma 1 and beta 0 when absent.</summary>
    public static Tensor<T> BatchNormInference<T>(Tensor<T> x, T[]? gamma, T[]? beta, T[] mean, T[] variance, double epsilon)
        where T : IFloatingPointIeee754<T> =>
        Normalize(x, gamma, beta, mean, variance, T.CreateChecked(epsilon));

    /// <summary>
    /// Normalises with the batch's statistics over (N, H, W) per channel, using the biased variance,
    /// then updates the running statistics with Keras's momentum:
    /// running = momentum * running + (1 - momentum) * batch. The variance folded into the running
    /// one is the unbiased (n - 1) estimate, as PyTorch's BatchNorm does; the caller guarantees n &gt; 1.
    /// </summary>
    public static Tensor<T> BatchNormTraining<T>(
        Tensor<T> x, T[]? gamma, T[]? beta, T[] runningMean, T[] runningVariance, double momentum, double epsilon)
        where T : IFloatingPointIeee754<T>
    {
        int count = x.N * x.Plane;
        var mean = new T[x.C];
        var variance = new T[x.C];
        for (int c = 0; c < x.C; c++)
        {
            T sum = T.Zero;
            foreach (var v in Channel(x, c))
            {
                sum += v;
            }

            mean[c] = sum / T.CreateChecked(count);
            T squares = T.Zero;
            foreach (var v in Channel(x, c))
            {
                squares += (v - mean[c]) * (v - mean[c]);
            }

            variance[c] = squares / T.CreateChecked(count);
        }

        var y = Normalize(x, gamma, beta, mean, variance, T.CreateChecked(epsilon));
        T keep = T.CreateChecked(momentum), take = T.One - keep;
        T unbias = T.CreateChecked(count) / T.CreateChecked(count - 1);
        for (int c = 0; c < x.C; c++)
        {
            runningMean[c] = keep * runningMean[c] + take * mean[c];
            runningVariance[c] = keep * runningVariance[c] + take * variance[c] * unbias;
        }

        return y;
    }

    /// <summary>
    /// PyTorch's <c>LocalResponseNorm</c>: b[c] = a[c] / (k + alpha / size * sum of a[c']^2)^beta over
    /// c' from c - size / 2 to c + (size - 1) / 2 (integer halves), channels outside [0, C) counting as zero.
    /// </summary>
    public static Tensor<T> LocalResponse<T>(Tensor<T> x, int size, double alpha, double beta, double k)
        where T : IFloatingPointIeee754<T>
    {
        var y = x.Like();
        T scale = T.CreateChecked(alpha) / T.CreateChecked(size), power = T.CreateChecked(beta), bias = T.CreateChecked(k);
        for (int n = 0; n < x.N; n++)
        {
            for (int c = 0; c < x.C; c++)
            {
                int first = Math.Max(c - size / 2, 0), last = Math.Min(c + (size - 1) / 2, x.C - 1);
                for (int h = 0; h < x.H; h++)
                {
                    for (int w = 0; w < x.W; w++)
                    {
                        T squares = T.Zero;
                        for (int other = first; other <= last; other++)
                        {
                            squares += x[n, other, h, w] * x[n, other, h, w];
                        }

                        y[n, c, h, w] = x[n, c, h, w] / T.Pow(bias + scale * squares, power);
                    }
                }
            }
        }

        return y;
    }

    private static Tensor<T> Normalize<T>(Tensor<T> x, T[]? gamma, T[]? beta, T[] mean, T[] variance, T epsilon)
        where T : IFloatingPointIeee754<T>
    {
        var y = x.Like();
        for (int n = 0; n < x.N; n++)
        {
            for (int c = 0; c < x.C; c++)
            {
                T g = gamma is null ? T.One : gamma[c], b = beta is null ? T.Zero : beta[c];
                T deviation = T.Sqrt(variance[c] + epsilon);
                int start = (n * x.C + c) * x.Plane;
                for (int i = start; i < start + x.Plane; i++)
                {
                    y.Data[i] = (x.Data[i] - mean[c]) / deviation * g + b;
                }
            }
        }

        return y;
    }

    private static IEnumerable<T> Channel<T>(Tensor<T> x, int c)
        where T : IFloatingPointIeee754<T> =>
        Enumerable.Range(0, x.N).SelectMany(n => new ArraySegment<T>(x.Data, (n * x.C + c) * x.Plane, x.Plane));
}
