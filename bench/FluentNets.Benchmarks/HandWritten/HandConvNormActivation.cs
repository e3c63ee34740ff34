using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision's <c>Conv2dNormActivation</c> (<c>torchvision/ops/misc.py</c>) in plain TorchSharp: a convolution
/// without bias padded by (kernel - 1) / 2, BatchNorm with PyTorch's defaults (eps 1e-5, momentum 0.1, as
/// MobileNetV2 and EfficientNet-B0 use it), and an activation unless there is none (a projection).
/// With as many groups as channels it is the depthwise convolution of MobileNetV2 and EfficientNet.
/// </summary>
public sealed class HandConvNormActivation : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d norm;
    private readonly Func<Tensor, Tensor>? activation;

    /// <summary>Creates the unit.</summary>
    /// <param name="inputs">Input channels.</param>
    /// <param name="outputs">Output channels.</param>
    /// <param name="kernel">Kernel size.</param>
    /// <param name="activation">The activation into a new tensor, or null for none.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="groups">Channel groups; <paramref name="inputs"/> for a depthwise convolution.</param>
    public HandConvNormActivation(
        long inputs, long outputs, long kernel, Func<Tensor, Tensor>? activation, long stride = 1, long groups = 1)
        : base("conv_norm_activation")
    {
        conv = nn.Conv2d(inputs, outputs, kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false);
        norm = nn.BatchNorm2d(outputs);
        this.activation = activation;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var c = conv.call(input);
        var normalised = norm.call(c);
        if (activation is null)
        {
            return normalised;
        }

        using (normalised)
        {
            return activation(normalised);
        }
    }

    /// <summary>The unit's tensors under torchvision's names for the sequence <paramref name="layer"/>: <c>{layer}.0.weight</c>, <c>{layer}.1.running_mean</c> and so on.</summary>
    public IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets(string layer) => Targets($"{layer}.0", $"{layer}.1");

    /// <summary>The unit's tensors where its convolution and its BatchNorm have names of their own: <c>{convLayer}.weight</c>, <c>{normLayer}.running_mean</c> and so on.</summary>
    public IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets(string convLayer, string normLayer) =>
    [
        ($"{convLayer}.weight", conv.weight!, null),
        .. HandWrittenNetwork.BatchNormTargets(normLayer, norm),
    ];
}
