using System.Numerics;

namespace FluentNets.Backends.Reference.Kernels;

/// <summary>Training-time dropout.</summary>
internal static class DropoutKernel
{
    /// <summary>Zeroes each element with probability <paramref name="rate"/> and scales the rest by 1 / (1 - rate), so the expectation is unchanged.</summary>
    public static Tensor<T> Apply<T>(Tensor<T> x, double rate, Random random)
        where T : IFloatingPointIeee754<T>
    {
        var y = x.Like();
        T scale = T.CreateChecked(1 / (1 - rate));
        for (int i = 0; i < x.Data.Length; i++)
        {
            y.Data[i] = random.NextDouble() < rate ? T.Zero : x.Data[i] * scale;
        }

        return y;
    }

    /// <summary>Stochastic depth: each example's values all zeroed with probability <paramref name="rate"/>, or all scaled by 1 / (1 - rate).</summary>
    public static Tensor<T> PerExample<T>(Tensor<T> x, double rate, Random random)
        where T : IFloatingPointIeee754<T>
    {
        var y = x.Like();
        T scale = T.CreateChecked(1 / (1 - rate));
        int size = x.Data.Length / x.N;
        for (int n = 0; n < x.N; n++)
        {
            T factor = random.NextDouble() < rate ? T.Zero : scale;
            for (int i = n * size; i < (n + 1) * size; i++)
            {
                y.Data[i] = x.Data[i] * factor;
            }
        }

        return y;
    }
}
