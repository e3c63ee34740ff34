using FluentNets.Backends.TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision's <c>Bottleneck</c> (<c>torchvision/models/resnet.py</c>, the stride on the 3x3 conv) with ResNeXt's
/// groups, in plain TorchSharp: 1x1 to the inner width, 3x3 in groups with the stride, 1x1 to four times the
/// stage's planes, each without bias and with BatchNorm (eps 1e-5, momentum 0.1), added to the input or its
/// projection (<c>downsample</c>: a 1x1 strided conv and BatchNorm), then ReLU. The projection follows
/// <see cref="LibTorchKernels.SubsampleStridedPointwise"/> as the backend's 1x1 strided convolutions do.
/// </summary>
public sealed class HandResNeXtBottleneck : HandBlock
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Conv2d? downsampleConv;
    private readonly BatchNorm2d? downsampleNorm;
    private readonly long stride;

    /// <summary>Creates the block.</summary>
    /// <param name="name">torchvision's module name, e.g. <c>layer1.0</c>.</param>
    /// <param name="inputs">Input channels.</param>
    /// <param name="planes">The stage's planes (64, 128, 256, 512); the block puts out four times as many channels.</param>
    /// <param name="stride">Stride of the 3x3 conv and of the projection.</param>
    /// <param name="groups">Groups of the 3x3 conv.</param>
    /// <param name="widthPerGroup">torchvision's <c>width_per_group</c>: the inner width is planes x this / 64 x groups.</param>
    public HandResNeXtBottleneck(string name, long inputs, long planes, long stride, long groups, long widthPerGroup)
        : base(name)
    {
        this.stride = stride;
        long width = planes * widthPerGroup / 64 * groups;
        conv1 = nn.Conv2d(inputs, width, 1, bias: false);
        bn1 = nn.BatchNorm2d(width);
        conv2 = nn.Conv2d(width, width, 3, stride: stride, padding: 1, groups: groups, bias: false);
        bn2 = nn.BatchNorm2d(width);
        conv3 = nn.Conv2d(width, 4 * planes, 1, bias: false);
        bn3 = nn.BatchNorm2d(4 * planes);
        if (stride != 1 || inputs != 4 * planes)
        {
            downsampleConv = nn.Conv2d(inputs, 4 * planes, 1, stride: stride, bias: false);
            downsampleNorm = nn.BatchNorm2d(4 * planes);
        }

        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var a = conv1.call(input);
        using var an = bn1.call(a);
        using var ar = F.relu(an);
        using var b = conv2.call(ar);
        using var bn = bn2.call(b);
        using var br = F.relu(bn);
        using var c = conv3.call(br);
        using var cn = bn3.call(c);
        using var projected = downsampleConv is null ? null : HandStridedPointwise.Call(downsampleConv, input, stride);
        using var shortcut = projected is null ? null : downsampleNorm!.call(projected);
        using var sum = cn.add(shortcut ?? input);
        return F.relu(sum);
    }

    /// <summary>The block's tensors under FluentNets' names, <c>{name}/conv1.weight</c> to <c>{name}/downsample.1.running_var</c>.</summary>
    public override IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets()
    {
        var targets = new List<(string, Tensor, Func<Tensor, Tensor>?)>();
        foreach (var (suffix, conv, norm) in new[] { ("1", conv1, bn1), ("2", conv2, bn2), ("3", conv3, bn3) })
        {
            targets.Add(($"{name}/conv{suffix}.weight", conv.weight!, null));
            targets.AddRange(HandWrittenNetwork.BatchNormTargets($"{name}/bn{suffix}", norm));
        }

        if (downsampleConv is not null)
        {
            targets.Add(($"{name}/downsample.0.weight", downsampleConv.weight!, null));
            targets.AddRange(HandWrittenNetwork.BatchNormTargets($"{name}/downsample.1", downsampleNorm!));
        }

        return targets;
    }
}
