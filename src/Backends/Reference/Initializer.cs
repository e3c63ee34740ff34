using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>
/// Keras's default initial values: Glorot uniform kernels, zero biases, BatchNorm gamma 1,
/// beta 0, moving mean 0 and moving variance 1.
/// </summary>
internal static class Initializer
{
    /// <summary>The initial values of <paramref name="parameter"/> of <paramref name="node"/>, drawn in row-major order.</summary>
    public static double[] Initial(Node node, ParameterInfo parameter, Random random)
    {
        var values = new double[parameter.Elements];
        string role = parameter.Name[(node.Name.Length + 1)..];
        if (node.Layer is BatchNormalization)
        {
            Array.Fill(values, role is "weight" or "running_var" ? 1.0 : 0.0);
            return values;
        }

        if (role == "bias")
        {
            return values;
        }

        var (fanIn, fanOut) = Fans(node.Layer, role, parameter.Shape);
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (2 * random.NextDouble() - 1) * limit;
        }

        return values;
    }

    /// <summary>
    /// Fan-in and fan-out as Keras's <c>compute_fans</c> reads its own kernel layouts: a
    /// (Kh, Kw, in, out) kernel has fans in * Kh * Kw and out * Kh * Kw. A depthwise kernel is
    /// (Kh, Kw, C, multiplier) in Keras, so its fans are C * Kh * Kw and multiplier * Kh * Kw,
    /// not what PyTorch's (C * multiplier, 1, Kh, Kw) layout would suggest.
    /// </summary>
    private static (long FanIn, long FanOut) Fans(LayerSpec layer, string role, IReadOnlyList<int> shape)
    {
        switch (layer)
        {
            case DepthwiseConv2D d:
            {
                long taps = (long)shape[2] * shape[3];
                return (shape[0] / d.DepthMultiplier * taps, d.DepthMultiplier * taps);
            }

            case SeparableConv2D s when role == "depthwise.weight":
            {
                long taps = (long)shape[2] * shape[3];
                return (shape[0] / s.DepthMultiplier * taps, s.DepthMultiplier * taps);
            }

            case Dense:
                return (shape[1], shape[0]);
            default:
            {
                // Conv2D and the pointwise step: PyTorch's (F, Cin / groups, Kh, Kw).
                long taps = (long)shape[2] * shape[3];
                return (shape[1] * taps, shape[0] * taps);
            }
        }
    }
}
