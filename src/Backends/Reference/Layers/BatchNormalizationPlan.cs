using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>BatchNormalization: the moving statistics at inference; the batch's in training, updated into the moving ones.</summary>
internal sealed class BatchNormalizationPlan : LayerPlan<BatchNormalization>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(BatchNormalization spec, PlanContext<T> context)
    {
        var gamma = context.Optional("weight");
        var beta = context.Optional("bias");
        var mean = context.Parameter("running_mean");
        var variance = context.Parameter("running_var");
        return (x, training) => training
            ? NormalizationKernel.BatchNormTraining(x[0], gamma, beta, mean, variance, spec.Momentum, spec.Epsilon)
            : NormalizationKernel.BatchNormInference(x[0], gamma, beta, mean, variance, spec.Epsilon);
    }
}
