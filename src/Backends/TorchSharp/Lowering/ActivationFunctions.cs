using FluentNets.Activations;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// The DSL's activations on NCHW or NC tensors (the channel axis is 1): one entry per kind of
/// <see cref="Activation"/>, each libtorch's own kernel where it has one.
/// </summary>
internal static class ActivationFunctions
{
    private static readonly Dictionary<Type, Func<Activation, Tensor, Tensor>> Table = new()
    {
        [typeof(Relu)] = Of<Relu>(Relu),
        [typeof(LeakyRelu)] = Of<LeakyRelu>((a, x) => F.leaky_relu(x, a.Slope)),
        [typeof(Sigmoid)] = Of<Sigmoid>((_, x) => sigmoid(x)),
        [typeof(Tanh)] = Of<Tanh>((_, x) => tanh(x)),
        [typeof(Softmax)] = Of<Softmax>((_, x) => softmax(x, 1)),
        [typeof(Silu)] = Of<Silu>((_, x) => F.silu(x)),
        [typeof(Gelu)] = Of<Gelu>((a, x) => F.gelu(x, a.Approximate ? global::TorchSharp.Modules.GELU.Approximate.tanh : global::TorchSharp.Modules.GELU.Approximate.none)),
        [typeof(HardSigmoid)] = Of<HardSigmoid>((_, x) => F.hardsigmoid(x)),
        [typeof(HardSwish)] = Of<HardSwish>((_, x) => F.hardswish(x)),
        [typeof(Elu)] = Of<Elu>((a, x) => F.elu(x, a.Alpha)),
        [typeof(Selu)] = Of<Selu>((_, x) => F.selu(x)),
        [typeof(Softplus)] = Of<Softplus>((_, x) => F.softplus(x)),
        [typeof(Softsign)] = Of<Softsign>((_, x) => F.softsign(x)),
        [typeof(Mish)] = Of<Mish>((_, x) => F.mish(x)),
    };

    // libtorch's in-place kernels, for a tensor nothing else reads; a kind missing here (softmax,
    // softplus, softsign, ELU) or an entry that returns null (a ReLU with a threshold or a slope) is
    // computed into a new tensor instead.
    private static readonly Dictionary<Type, Func<Activation, Tensor, Tensor?>> InPlaceTable = new()
    {
        [typeof(Relu)] = OfInPlace<Relu>(ReluInPlace),
        [typeof(LeakyRelu)] = OfInPlace<LeakyRelu>((a, x) =>
        {
            using var slope = a.Slope.ToScalar();
            return x.leaky_relu_(slope);
        }),
        [typeof(Sigmoid)] = OfInPlace<Sigmoid>((_, x) => x.sigmoid_()),
        [typeof(Tanh)] = OfInPlace<Tanh>((_, x) => x.tanh_()),
        [typeof(Silu)] = OfInPlace<Silu>((_, x) => x.silu_()),
        [typeof(Gelu)] = OfInPlace<Gelu>((a, x) => x.gelu_(a.Approximate ? global::TorchSharp.Modules.GELU.Approximate.tanh : global::TorchSharp.Modules.GELU.Approximate.none)),
        [typeof(HardSigmoid)] = OfInPlace<HardSigmoid>((_, x) => x.hardsigmoid_()),
        [typeof(HardSwish)] = OfInPlace<HardSwish>((_, x) => x.hardswish_()),
        // No ELU: TorchSharp 0.107's Tensor.elu_ gave a conv's ELU output 0.19 off F.elu's (measured with the
        // inference compilation's fused activations), so ELU is computed into a new tensor.
        [typeof(Selu)] = OfInPlace<Selu>((_, x) => x.selu_()),
        [typeof(Mish)] = OfInPlace<Mish>((_, x) => F.mish(x, inplace: true)),
    };

    /// <summary>The kinds of activation this table applies, <see cref="Linear"/> (nothing to apply) included.</summary>
    public static IEnumerable<Type> Kinds => [typeof(Linear), .. Table.Keys];

    /// <summary>
    /// Applies <paramref name="function"/>. Returns <paramref name="x"/> itself for <see cref="Activation.None"/>;
    /// otherwise a new tensor, and <paramref name="x"/> is disposed when <paramref name="disposeInput"/> is set.
    /// </summary>
    /// <exception cref="NotSupportedException">The activation has no entry.</exception>
    public static Tensor Apply(Tensor x, Activation function, bool disposeInput = false)
    {
        if (function.IsIdentity)
        {
            return x;
        }

        var apply = Table.TryGetValue(function.GetType(), out var entry)
            ? entry
            : throw new NotSupportedException($"The TorchSharp backend has no lowering for activation {function.KerasName}.");
        var y = apply(function, x);
        if (disposeInput)
        {
            x.Dispose();
        }

        return y;
    }

    /// <summary>
    /// Applies <paramref name="function"/> to a tensor that nothing else reads: in its own memory where
    /// libtorch has an in-place kernel for the kind (<c>relu_</c>, <c>hardswish_</c>, ...), which saves
    /// allocating and filling a second tensor of its size; otherwise into a new tensor, and
    /// <paramref name="x"/> is disposed. Returns the result, which is <paramref name="x"/> itself when
    /// it was overwritten or the activation is <see cref="Activation.None"/>. Not for tensors autograd
    /// records: some kinds' gradients need the input this overwrites.
    /// </summary>
    /// <exception cref="NotSupportedException">The activation has no entry.</exception>
    public static Tensor ApplyInPlace(Tensor x, Activation function)
    {
        if (function.IsIdentity)
        {
            return x;
        }

        if (InPlaceTable.TryGetValue(function.GetType(), out var inPlace) && inPlace(function, x) is { } overwritten)
        {
            // libtorch's in-place calls hand back a new handle to the same tensor.
            if (!ReferenceEquals(overwritten, x))
            {
                overwritten.Dispose();
            }

            return x;
        }

        return Apply(x, function, disposeInput: true);
    }

    private static Func<Activation, Tensor, Tensor?> OfInPlace<T>(Func<T, Tensor, Tensor?> apply)
        where T : Activation => (a, x) => apply((T)a, x);

    // relu_, clamp_ with a cap; a threshold or a slope has no in-place kernel.
    private static Tensor? ReluInPlace(Relu a, Tensor x) => !a.IsClipped
        ? null
        : a.MaxValue switch
        {
            null => x.relu_(),
            double cap => ClipInPlace(x, cap),
        };

    // clamp_, as Clip clamps: TorchSharp's hardtanh is not trusted with a cap (see Clip).
    private static Tensor ClipInPlace(Tensor x, double cap)
    {
        using var low = 0.0.ToScalar();
        using var high = cap.ToScalar();
        return x.clamp_(low, high);
    }

    private static Func<Activation, Tensor, Tensor> Of<T>(Func<T, Tensor, Tensor> apply)
        where T : Activation => (a, x) => apply((T)a, x);

    /// <summary>
    /// Keras's <c>ReLU.static_call</c>: relu (relu6 for a cap of 6, clipped for another cap) above the
    /// threshold, minus the slope times relu(threshold - x).
    /// </summary>
    private static Tensor Relu(Relu a, Tensor x)
    {
        if (a.IsClipped)
        {
            return a.MaxValue switch
            {
                null => F.relu(x),
                6 => F.relu6(x),
                double cap => Clip(x, cap),
            };
        }

        using var threshold = a.Threshold.ToScalar();
        using var slope = a.NegativeSlope.ToScalar();
        using var above = x.gt(threshold);
        using var kept = x.mul(above);
        using var capped = a.MaxValue is double max ? Clip(kept, max) : null;
        using var flipped = x.neg();
        using var shortfall = flipped.add_(threshold);
        using var negative = F.relu(shortfall);
        using var scaled = negative.mul_(slope);
        return (capped ?? kept).sub(scaled);
    }

    /// <summary>
    /// min(max(x, 0), cap), libtorch's hardtanh from 0, as a clamp: TorchSharp's out-of-place
    /// <c>Tensor.hardtanh</c> (and so <c>F.hardtanh</c>) returns its input unchanged, because its P/Invoke
    /// declares <c>THSTensor_hardtanh</c> void and drops the result libtorch returns.
    /// </summary>
    private static Tensor Clip(Tensor x, double cap)
    {
        using var low = 0.0.ToScalar();
        using var high = cap.ToScalar();
        return x.clamp(low, high);
    }
}
