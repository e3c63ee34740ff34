using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Local response normalisation across channels, PyTorch's window.</summary>
internal sealed class LocalResponseNormalizationPlan : LayerPlan<LocalResponseNormalization>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(LocalResponseNormalization spec, PlanContext<T> context) =>
        (x, _) => NormalizationKernel.LocalResponse(x[0], spec.Size, spec.Alpha, spec.Beta, spec.K);
}
