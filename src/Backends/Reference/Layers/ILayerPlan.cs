using System.Numerics;

namespace FluentNets.Backends.Reference;

/// <summary>
/// How the reference backend computes one kind of layer spec, in float64 or float32. Each kind has its
/// plan in its own class under <c>Layers/</c>, derived from <see cref="LayerPlan{TSpec}"/> and found by
/// <see cref="LayerPlans"/>.
/// </summary>
internal interface ILayerPlan
{
    /// <summary>The kind of layer spec computed.</summary>
    Type Spec { get; }

    /// <summary>The node's step: its output from its inputs' and the training flag, over its state arrays.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="context">The node and its state.</param>
    Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(PlanContext<T> context)
        where T : IFloatingPointIeee754<T>;
}
