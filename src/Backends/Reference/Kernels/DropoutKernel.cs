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
}
