using System.Numerics;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Normalization: (x - mean) / max(sqrt(variance), 1e-7) per channel, Keras 3's formula.</summary>
internal sealed class NormalizationPlan : LayerPlan<Normalization>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Normalization spec, PlanContext<T> context)
    {
        var mean = spec.Learned ? context.Parameter("mean") : spec.Mean!.Select(T.CreateChecked).ToArray();
        var variance = spec.Learned ? context.Parameter("variance") : spec.Variance!.Select(T.CreateChecked).ToArray();
        T epsilon = T.CreateChecked(Normalization.Epsilon);
        return (x, _) => PerChannel.Map(x[0], c =>
        {
            T divisor = T.Max(T.Sqrt(variance[c]), epsilon);
            return (T.One / divisor, -mean[c] / divisor);
        });
    }
}
