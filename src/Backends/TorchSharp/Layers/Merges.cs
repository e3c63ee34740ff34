using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>Element-wise merges of any number of inputs.</summary>
internal static class Merges
{
    /// <summary><paramref name="op"/> folded over <paramref name="inputs"/>; a single input is handed through.</summary>
    public static Tensor Combine(IReadOnlyList<Tensor> inputs, Func<Tensor, Tensor, Tensor> op)
    {
        if (inputs.Count == 1)
        {
            return inputs[0];
        }

        var result = op(inputs[0], inputs[1]);
        for (int i = 2; i < inputs.Count; i++)
        {
            using var previous = result;
            result = op(previous, inputs[i]);
        }

        return result;
    }

    /// <summary>
    /// <paramref name="op"/> applied in place into the first input, with each other input in turn;
    /// returns the first input.
    /// </summary>
    public static Tensor Accumulate(IReadOnlyList<Tensor> inputs, Func<Tensor, Tensor, Tensor> op)
    {
        var first = inputs[0];
        for (int i = 1; i < inputs.Count; i++)
        {
            // libtorch's in-place calls hand back a new handle to the same tensor.
            var same = op(first, inputs[i]);
            if (!ReferenceEquals(same, first))
            {
                same.Dispose();
            }
        }

        return first;
    }
}
