using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>The DSL's activations on NCHW or NC tensors: the channel axis is 1.</summary>
internal static class Activations
{
    /// <summary>
    /// Applies <paramref name="function"/>. Returns <paramref name="x"/> itself for
    /// <see cref="Activation.None"/>; otherwise a new tensor, and <paramref name="x"/> is disposed
    /// when <paramref name="disposeInput"/> is set.
    /// </summary>
    public static Tensor Apply(Tensor x, Activation function, double alpha = ActivationNames.FusedLeakyReluAlpha, bool disposeInput = false)
    {
        if (function == Activation.None)
        {
            return x;
        }

        var y = function switch
        {
            Activation.Relu => F.relu(x),
            Activation.Sigmoid => sigmoid(x),
            Activation.Tanh => tanh(x),
            Activation.Softmax => softmax(x, 1),
            Activation.LeakyRelu => F.leaky_relu(x, alpha),
            Activation.Silu => F.silu(x),
            _ => throw new NotSupportedException($"The TorchSharp backend has no lowering for activation {function}."),
        };
        if (disposeInput)
        {
            x.Dispose();
        }

        return y;
    }
}
