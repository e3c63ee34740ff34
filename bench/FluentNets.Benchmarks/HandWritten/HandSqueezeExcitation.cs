using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision's <c>SqueezeExcitation</c> (<c>torchvision/ops/misc.py</c>) as EfficientNet's MBConv builds it, in
/// plain TorchSharp: each channel's mean, <c>fc1</c> (a 1x1 convolution with bias) to the squeeze width, SiLU,
/// <c>fc2</c> back, sigmoid, and the input scaled per channel.
/// </summary>
public sealed class HandSqueezeExcitation : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d fc1;
    private readonly Conv2d fc2;

    /// <summary>Creates the block.</summary>
    /// <param name="channels">Input and output channels.</param>
    /// <param name="squeeze">Outputs of <c>fc1</c>.</param>
    public HandSqueezeExcitation(long channels, long squeeze)
        : base("squeeze_excitation")
    {
        fc1 = nn.Conv2d(channels, squeeze, 1);
        fc2 = nn.Conv2d(squeeze, channels, 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var pooled = input.mean([2, 3], keepdim: true);
        using var squeezed = fc1.call(pooled);
        using var activated = F.silu(squeezed);
        using var excited = fc2.call(activated);
        using var scale = excited.sigmoid();
        return input.mul(scale);
    }

    /// <summary>The block's tensors under FluentNets' names, <c>{block}/fc1.weight</c> and so on.</summary>
    public IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets(string block) =>
    [
        .. HandWrittenNetwork.WeightAndBias($"{block}/fc1", fc1.weight!, fc1.bias!),
        .. HandWrittenNetwork.WeightAndBias($"{block}/fc2", fc2.weight!, fc2.bias!),
    ];
}
