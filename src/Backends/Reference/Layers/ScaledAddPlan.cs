using System.Numerics;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>ScaledAdd: x + scale * r, element by element.</summary>
internal sealed class ScaledAddPlan : LayerPlan<ScaledAdd>
{
    /// <inheritdoc />
    protected override Func<Tensor<T>[], bool, Tensor<T>> Plan<T>(ScaledAdd spec, PlanContext<T> context)
    {
        T scale = T.CreateChecked(spec.Scale);
        return (x, _) =>
        {
            var y = x[0].Like();
            for (int i = 0; i < y.Data.Length; i++)
            {
                y.Data[i] = x[0].Data[i] + scale * x[1].Data[i];
            }

            return y;
        };
    }
}
