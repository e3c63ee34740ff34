using System.Numerics;

namespace FluentNets.Backends.Reference.Kernels;

/// <summary>Element-wise activations, and softmax over the channel axis.</summary>
internal static class ActivationKernel
{
    /// <summary>A new tensor holding <paramref name="function"/> of <paramref name="x"/>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="function">The activation.</param>
    /// <param name="alpha">Negative slope of <see cref="Activation.LeakyRelu"/>.</param>
    public static Tensor<T> Apply<T>(Tensor<T> x, Activation function, double alpha)
        where T : IFloatingPointIeee754<T>
    {
        if (function == Activation.Softmax)
        {
            return Softmax(x);
        }

        T slope = T.CreateChecked(alpha);
        Func<T, T> f = function switch
        {
            Activation.None => v => v,
            Activation.Relu => v => T.Max(v, T.Zero),
            Activation.Sigmoid => Sigmoid,
            Activation.Tanh => T.Tanh,
            Activation.LeakyRelu => v => v > T.Zero ? v : slope * v,
            Activation.Silu => v => v * Sigmoid(v),
            _ => throw new NotSupportedException($"the reference backend has no activation {function}."),
        };
        var y = x.Like();
        for (int i = 0; i < x.Data.Length; i++)
        {
            y.Data[i] = f(x.Data[i]);
        }

        return y;
    }

    private static T Sigmoid<T>(T v)
        where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-v));

    /// <summary>exp(x[c] - max) / sum over c' of exp(x[c'] - max), at each (n, h, w) separately.</summary>
    private static Tensor<T> Softmax<T>(Tensor<T> x)
        where T : IFloatingPointIeee754<T>
    {
        var y = x.Like();
        for (int n = 0; n < x.N; n++)
        {
            for (int p = 0; p < x.Plane; p++)
            {
                int first = n * x.C * x.Plane + p;
                var indices = Enumerable.Range(0, x.C).Select(c => first + c * x.Plane).ToArray();
                T max = indices.Aggregate(T.NegativeInfinity, (m, i) => T.Max(m, x.Data[i]));
                T sum = T.Zero;
                foreach (int i in indices)
                {
                    y.Data[i] = T.Exp(x.Data[i] - max);
                    sum += y.Data[i];
                }

                foreach (int i in indices)
                {
                    y.Data[i] /= sum;
                }
            }
        }

        return y;
    }
}
