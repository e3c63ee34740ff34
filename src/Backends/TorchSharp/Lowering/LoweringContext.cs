using FluentNets.Graph;
using FluentNets.Layers;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>What a lowering needs to know about its node: the node, its state, the device, whether it is frozen, whether the network only infers.</summary>
/// <param name="Node">The node.</param>
/// <param name="State">The node's parameters and buffers, made from its spec's declaration; null for a layer without any.</param>
/// <param name="Device">The device the network runs on.</param>
/// <param name="Frozen">Whether the layer is frozen (a frozen BatchNorm normalises with its moving statistics, as Keras 3's does).</param>
/// <param name="ForInference">
/// Whether the network is compiled for inference: no pass is recorded for autograd, so a layer may
/// overwrite the tensors it made itself (a fused activation applied in place).
/// </param>
internal sealed record LoweringContext(Node Node, LayerState? State, Device Device, bool Frozen, bool ForInference = false)
{
    /// <summary>The tensor of the parameter named <paramref name="role"/> (<c>weight</c>, <c>running_mean</c>).</summary>
    /// <exception cref="KeyNotFoundException">The spec declares no such parameter.</exception>
    public Tensor Parameter(string role) =>
        State?.Optional(role) ?? throw new KeyNotFoundException($"{Node.Name}: {Node.Layer.KerasType} declares no parameter '{role}'.");

    /// <summary>The tensor of the parameter named <paramref name="role"/>, or null where the spec declares none (an unbiased convolution's bias).</summary>
    public Tensor? Optional(string role) => State?.Optional(role);

    /// <summary>The resolved window of a convolution or pooling layer.</summary>
    /// <exception cref="NotSupportedException">The layer has no window.</exception>
    public Window2D Window => Node.Window ?? throw new NotSupportedException($"{Node.Name}: {Node.Layer.KerasType} has no resolved window.");

    /// <summary>The first input's channels.</summary>
    public long InputChannels => Node.Inputs.Length > 0 ? Node.Inputs[0].Shape.Channels : 0;

    /// <summary>The first input's height and width, or (1, 1) for a vector.</summary>
    public (long H, long W) InputSize =>
        Node.Inputs.Length > 0 && Node.Inputs[0].Shape.IsImage ? (Node.Inputs[0].Shape.Height, Node.Inputs[0].Shape.Width) : (1, 1);
}
