using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision's ConvNeXt <c>CNBlock</c> (<c>torchvision/models/convnext.py</c>) in plain TorchSharp: the 7x7
/// depthwise convolution with bias, channels last, LayerNorm (eps 1e-6), Linear to four times the channels, exact
/// GELU, Linear back, channels first, times the per-channel layer scale, stochastic depth, and the input added.
/// </summary>
public sealed class HandCNBlock : HandBlock
{
    /// <summary>torchvision's LayerNorm eps in ConvNeXt.</summary>
    public const double Epsilon = 1e-6;

    private readonly Conv2d depthwise;
    private readonly LayerNorm norm;
    private readonly Linear expand;
    private readonly Linear project;
    private readonly Parameter layerScale;
    private readonly double stochasticDepth;

    /// <summary>Creates the block.</summary>
    /// <param name="name">torchvision's module name, e.g. <c>features.1.0</c>.</param>
    /// <param name="dim">Input and output channels.</param>
    /// <param name="stochasticDepth">The probability with which training drops the block's branch per example.</param>
    public HandCNBlock(string name, long dim, double stochasticDepth)
        : base(name)
    {
        depthwise = nn.Conv2d(dim, dim, 7, padding: 3, groups: dim);
        norm = nn.LayerNorm(dim, eps: Epsilon);
        expand = nn.Linear(dim, 4 * dim);
        project = nn.Linear(4 * dim, dim);
        layerScale = new Parameter(full(new long[] { dim, 1, 1 }, 1e-6));
        this.stochasticDepth = stochasticDepth;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var spatial = depthwise.call(input);
        using var channelsLast = spatial.permute(0, 2, 3, 1);
        using var normalised = norm.call(channelsLast);
        using var wide = expand.call(normalised);
        using var activated = F.gelu(wide);
        using var narrow = project.call(activated);
        using var channelsFirst = narrow.permute(0, 3, 1, 2);
        using var scaled = layerScale.mul(channelsFirst);
        using var dropped = HandStochasticDepth.Row(scaled, stochasticDepth, training);
        return dropped.add(input);
    }

    /// <summary>The block's tensors under FluentNets' names, <c>{name}/block.0.weight</c> to <c>{name}/layer_scale</c>.</summary>
    public override IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets() =>
    [
        .. HandWrittenNetwork.WeightAndBias($"{name}/block.0", depthwise.weight!, depthwise.bias!),
        .. HandWrittenNetwork.WeightAndBias($"{name}/block.2", norm.weight!, norm.bias!),
        .. HandWrittenNetwork.WeightAndBias($"{name}/block.3", expand.weight!, expand.bias!),
        .. HandWrittenNetwork.WeightAndBias($"{name}/block.5", project.weight!, project.bias!),
        ($"{name}/layer_scale", layerScale, null),
    ];
}
