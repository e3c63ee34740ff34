using FluentNets.Graph;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>One DSL node as TorchSharp runs it.</summary>
/// <param name="Node">The DSL node.</param>
/// <param name="Module">The module holding the node's parameters and buffers; null for a layer without state.</param>
/// <param name="Run">Computes the node's output from its inputs' outputs and the training flag.</param>
/// <param name="Logits">For a node that ends in a softmax (fused or a Softmax layer): its output before the softmax; null otherwise.</param>
internal sealed record LoweredNode(
    Node Node, nn.Module<Tensor, Tensor>? Module, Func<IReadOnlyList<Tensor>, bool, Tensor> Run, Func<IReadOnlyList<Tensor>, bool, Tensor>? Logits = null);
