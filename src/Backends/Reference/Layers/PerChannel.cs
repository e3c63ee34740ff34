using System.Numerics;

namespace FluentNets.Backends.Reference;

/// <summary>Affine maps applied channel by channel.</summary>
internal static class PerChannel
{
    /// <summary>y = x * a(c) + b(c) at every position of channel c, (a, b) = <paramref name="affine"/>(c).</summary>
    public static Tensor<T> Map<T>(Tensor<T> x, Func<int, (T Scale, T Offset)> affine)
        where T : IFloatingPointIeee754<T>
    {
        var y = x.Like();
        var maps = Enumerable.Range(0, x.C).Select(affine).ToArray();
        for (int i = 0; i < x.Data.Length; i++)
        {
            var (scale, offset) = maps[i / x.Plane % x.C];
            y.Data[i] = x.Data[i] * scale + offset;
        }

        return y;
    }
}
