using FluentNets.Graph;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// A node as TorchSharp runs it: a function of its inputs and the training flag that returns a new
/// tensor (or one of its inputs, handed through), and for a layer ending in softmax the same function
/// without it, so logits can be read without a second pass.
/// </summary>
/// <param name="Node">The node.</param>
/// <param name="Run">The layer's output for its inputs, in training or inference mode.</param>
/// <param name="Logits">The output before a fused or final softmax, where the layer has one.</param>
internal sealed record LoweredNode(Node Node, Func<IReadOnlyList<Tensor>, bool, Tensor> Run, Func<IReadOnlyList<Tensor>, bool, Tensor>? Logits = null)
{
    /// <summary>The convolutions the layer runs, which the kernel check looks at before the first pass.</summary>
    public IReadOnlyList<Convolution> Convolutions { get; init; } = [];

    /// <summary>
    /// The layer's inference output written into its first input's memory, for a network compiled for
    /// inference to call when nothing else reads that input any more; null where the layer has no
    /// such form. It returns the first input itself.
    /// </summary>
    public Func<IReadOnlyList<Tensor>, Tensor>? InPlace { get; init; }
}
