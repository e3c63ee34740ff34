using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>Dropout in training (per value, or per example for stochastic depth), the identity at inference.</summary>
internal sealed class DropoutPlan : LayerPlan<Dropout>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(Dropout spec, PlanContext<T> context)
    {
        var random = context.Random;
        return (x, training) => !training ? x[0]
            : spec.PerExample ? DropoutKernel.PerExample(x[0], spec.Rate, random)
            : DropoutKernel.Apply(x[0], spec.Rate, random);
    }
}
