using System.Numerics;

namespace FluentNets.Backends.Reference.Kernels;

/// <summary>Layers with several inputs: concatenation, sum and product.</summary>
internal static class MergeKernel
{
    /// <summary>Images along channels, in input order; vectors end to end.</summary>
    public static Tensor<T> Concatenate<T>(Tensor<T>[] inputs)
        where T : IFloatingPointIeee754<T>
    {
        var first = inputs[0];
        int channels = inputs.Sum(t => t.C);
        var y = first.IsImage ? Tensor<T>.Image(first.N, channels, first.H, first.W) : Tensor<T>.Vector(first.N, channels);
        for (int n = 0; n < first.N; n++)
        {
            int offset = 0;
            foreach (var t in inputs)
            {
                int block = t.C * t.Plane;
                Array.Copy(t.Data, n * block, y.Data, n * channels * y.Plane + offset, block);
                offset += block;
            }
        }

        return y;
    }

    /// <summary>The element-wise sum of inputs of one shape.</summary>
    public static Tensor<T> Add<T>(Tensor<T>[] inputs)
        where T : IFloatingPointIeee754<T>
    {
        var y = inputs[0].Like();
        foreach (var t in inputs)
        {
            for (int i = 0; i < y.Data.Length; i++)
            {
                y.Data[i] += t.Data[i];
            }
        }

        return y;
    }

    /// <summary>
    /// The element-wise product, as an <paramref name="output"/>-shaped tensor. An input with as
    /// many elements as the output multiplies element by element; a C-vector or 1x1xC image
    /// scales every position of its channel (squeeze-and-excitation).
    /// </summary>
    public static Tensor<T> Multiply<T>(Tensor<T>[] inputs, Shape output)
        where T : IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.Of(output, inputs[0].N);
        Array.Fill(y.Data, T.One);
        foreach (var t in inputs)
        {
            bool broadcast = t.Data.Length != y.Data.Length;
            for (int i = 0; i < y.Data.Length; i++)
            {
                // With (N, C, H, W) storage, i / (H * W) is n * C + c, the index of that channel in an (N, C) scale.
                y.Data[i] *= broadcast ? t.Data[i / y.Plane] : t.Data[i];
            }
        }

        return y;
    }
}
