using System.Numerics;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>LayerNormalization: at each position, (x - mean) / sqrt(var + epsilon) over the channels (biased variance), then gamma and beta.</summary>
internal sealed class LayerNormalizationPlan : LayerPlan<LayerNormalization>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(LayerNormalization spec, PlanContext<T> context)
    {
        var gamma = context.Optional("weight");
        var beta = context.Optional("bias");
        T epsilon = T.CreateChecked(spec.Epsilon);
        return (input, _) =>
        {
            var x = input[0];
            var y = x.Like();
            T count = T.CreateChecked(x.C);
            for (int n = 0; n < x.N; n++)
            {
                for (int p = 0; p < x.Plane; p++)
                {
                    int first = n * x.C * x.Plane + p;
                    T mean = T.Zero;
                    for (int c = 0; c < x.C; c++)
                    {
                        mean += x.Data[first + c * x.Plane];
                    }

                    mean /= count;
                    T variance = T.Zero;
                    for (int c = 0; c < x.C; c++)
                    {
                        T d = x.Data[first + c * x.Plane] - mean;
                        variance += d * d;
                    }

                    T scale = T.One / T.Sqrt(variance / count + epsilon);
                    for (int c = 0; c < x.C; c++)
                    {
                        int i = first + c * x.Plane;
                        y.Data[i] = (x.Data[i] - mean) * scale * (gamma is null ? T.One : gamma[c]) + (beta is null ? T.Zero : beta[c]);
                    }
                }
            }

            return y;
        };
    }
}
