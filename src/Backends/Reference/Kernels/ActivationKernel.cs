using System.Numerics;
using FluentNets.Activations;

namespace FluentNets.Backends.Reference.Kernels;

/// <summary>
/// Every kind of <see cref="Activation"/> by its textbook formula, one entry each, computed in float64 and
/// rounded to the tensor's precision; softmax over the channel axis.
/// </summary>
internal static class ActivationKernel
{
    private static readonly Dictionary<Type, Func<Activation, Func<double, double>>> Table = new()
    {
        [typeof(Linear)] = _ => v => v,
        [typeof(Relu)] = a => Relu((Relu)a),
        [typeof(LeakyRelu)] = a => v => v > 0 ? v : ((LeakyRelu)a).Slope * v,
        [typeof(Sigmoid)] = _ => Sigmoid,
        [typeof(Tanh)] = _ => Math.Tanh,
        [typeof(Silu)] = _ => v => v * Sigmoid(v),
        [typeof(Gelu)] = a => ((Gelu)a).Approximate
            ? v => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)))
            : v => 0.5 * v * (1 + Erf(v / Math.Sqrt(2))),
        [typeof(HardSigmoid)] = _ => HardSigmoid,
        [typeof(HardSwish)] = _ => v => v * HardSigmoid(v),
        [typeof(Elu)] = a => v => v > 0 ? v : ((Elu)a).Alpha * (Math.Exp(v) - 1),
        [typeof(Selu)] = _ => v => Selu.Scale * (v > 0 ? v : Selu.Alpha * (Math.Exp(v) - 1)),
        [typeof(Softplus)] = _ => Softplus,
        [typeof(Softsign)] = _ => v => v / (1 + Math.Abs(v)),
        [typeof(Mish)] = _ => v => v * Math.Tanh(Softplus(v)),
    };

    /// <summary>The kinds of activation this kernel computes, softmax included.</summary>
    public static IEnumerable<Type> Kinds => [typeof(Softmax), .. Table.Keys];

    /// <summary>A new tensor holding <paramref name="function"/> of <paramref name="x"/>.</summary>
    /// <exception cref="NotSupportedException">The activation has no entry.</exception>
    public static Tensor<T> Apply<T>(Tensor<T> x, Activation function)
        where T : IFloatingPointIeee754<T>
    {
        if (function is Softmax)
        {
            return Softmax(x);
        }

        var f = Table.TryGetValue(function.GetType(), out var entry)
            ? entry(function)
            : throw new NotSupportedException($"the reference backend has no activation {function.KerasName}.");
        var y = x.Like();
        for (int i = 0; i < x.Data.Length; i++)
        {
            y.Data[i] = T.CreateChecked(f(double.CreateChecked(x.Data[i])));
        }

        return y;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static double HardSigmoid(double v) => Math.Min(Math.Max(v + 3, 0), 6) / 6;

    private static double Softplus(double v) => v > 30 ? v : Math.Log(1 + Math.Exp(v));

    /// <summary>Keras's relu: the cap above it, x from the threshold up, slope * (x - threshold) below.</summary>
    private static Func<double, double> Relu(Relu a) => v =>
        v > a.Threshold ? (a.MaxValue is double max ? Math.Min(v, max) : v) : a.NegativeSlope * (v - a.Threshold);

    /// <summary>
    /// The error function by its Maclaurin series near zero and its continued fraction (Lentz's method) in
    /// the tails, both to float64's precision (Abramowitz and Stegun 7.1.5 and 7.1.14).
    /// </summary>
    private static double Erf(double x)
    {
        double z = Math.Abs(x);
        double result;
        if (z < 2.5)
        {
            double term = z, sum = z, square = z * z;
            for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= -square / n;
                sum += term / (2 * n + 1);
            }

            result = 2 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            // erfc(z) = exp(-z^2) / sqrt(pi) * 1 / (z + 1/2 / (z + 1 / (z + 3/2 / (z + ...)))).
            double fraction = z;
            for (int n = 60; n >= 1; n--)
            {
                fraction = z + n / 2.0 / fraction;
            }

            result = 1 - Math.Exp(-z * z) / Math.Sqrt(Math.PI) / fraction;
        }

        return x < 0 ? -result : result;
    }

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
