using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>
/// A parameter's initial values as its layer's spec declares them (Keras's defaults: Glorot uniform
/// kernels, zero biases, BatchNorm gamma 1, beta 0, moving mean 0 and moving variance 1).
/// </summary>
internal static class Initializer
{
    /// <summary>The initial values of <paramref name="parameter"/>, drawn in row-major order.</summary>
    /// <exception cref="NotSupportedException">The initializer has no form here.</exception>
    public static double[] Initial(ParameterSpec parameter, Random random)
    {
        var values = new double[parameter.Elements];
        switch (parameter.Initializer)
        {
            case Constant c:
                Array.Fill(values, c.Value);
                break;
            case GlorotUniform g:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = (2 * random.NextDouble() - 1) * g.Limit;
                }

                break;
            default:
                throw new NotSupportedException($"the reference backend has no initializer {parameter.Initializer.GetType().Name}.");
        }

        return values;
    }
}
