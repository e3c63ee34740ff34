using System.Numerics;

namespace FluentNets.Backends.Reference.Kernels;

/// <summary>A fully connected layer.</summary>
internal static class DenseKernel
{
    /// <summary>y[n, o] = sum over i of x[n, i] * w[o, i] + b[o]: y = x W^T + b with PyTorch's (out, in) kernel.</summary>
    public static Tensor<T> Apply<T>(Tensor<T> x, T[] weight, T[]? bias, int units)
        where T : IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.Vector(x.N, units);
        int inputs = x.C;
        Parallel.For(0, x.N * units, no =>
        {
            int n = no / units, o = no % units;
            T sum = T.Zero;
            for (int i = 0; i < inputs; i++)
            {
                sum += x.Data[n * inputs + i] * weight[o * inputs + i];
            }

            y.Data[no] = bias is null ? sum : sum + bias[o];
        });
        return y;
    }
}
