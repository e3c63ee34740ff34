using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>The reference computation of one kind of layer spec.</summary>
/// <typeparam name="TSpec">The kind of layer spec.</typeparam>
internal abstract class LayerPlan<TSpec> : ILayerPlan
    where TSpec : LayerSpec
{
    /// <inheritdoc />
    public Type Spec => typeof(TSpec);

    /// <inheritdoc />
    public Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(PlanContext<T> context)
        where T : IFloatingPointIeee754<T> => Plan((TSpec)context.Node.Layer, context);

    /// <summary>The node's step.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="spec">The node's layer spec.</param>
    /// <param name="context">The node and its state.</param>
    protected abstract Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(TSpec spec, PlanContext<T> context)
        where T : IFloatingPointIeee754<T>;

    /// <summary><paramref name="activation"/> applied to <paramref name="x"/>, or <paramref name="x"/> itself for none.</summary>
    protected static Tensor<T> Fused<T>(Tensor<T> x, Activation activation)
        where T : IFloatingPointIeee754<T> => activation.IsIdentity ? x : ActivationKernel.Apply(x, activation);
}
