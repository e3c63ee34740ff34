using FluentNets.Backends.TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// One bottleneck of seed 000's ResNet50 in plain TorchSharp: 1x1 (strided), 3x3, 1x1 x4 convs with
/// biases, each followed by BatchNorm (Keras's epsilon 1e-3, momentum 0.99, i.e. PyTorch's 0.01),
/// a projection (1x1 strided conv with bias and BatchNorm) when the shape changes, add, ReLU; in
/// keras.applications' ResNet50 the same with epsilon 1.001e-5 and Keras's layer names.
/// Its 1x1 strided convolutions follow <see cref="LibTorchKernels.SubsampleStridedPointwise"/> as the backend's do.
/// </summary>
public sealed class HandBottleneck : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Conv2d? shortcutConv;
    private readonly BatchNorm2d? shortcutBn;
    private readonly long stride;
    private readonly bool keras;

    /// <summary>Creates the unit.</summary>
    /// <param name="name">Keras's block name, e.g. <c>conv2_block1</c>.</param>
    /// <param name="inputs">Input channels.</param>
    /// <param name="filters">Filters of the first two convs; the unit puts out 4 x this.</param>
    /// <param name="stride">Stride of the first conv and of the projection.</param>
    /// <param name="keras">keras.applications' ResNet50 (epsilon 1.001e-5, <c>conv2_block1_1_conv</c>, <c>_0_</c> for the projection) rather than seed 000's.</param>
    public HandBottleneck(string name, long inputs, long filters, long stride, bool keras = false)
        : base(name)
    {
        this.stride = stride;
        this.keras = keras;
        conv1 = nn.Conv2d(inputs, filters, 1, stride: stride);
        bn1 = BatchNorm(filters, keras);
        conv2 = nn.Conv2d(filters, filters, 3, padding: 1);
        bn2 = BatchNorm(filters, keras);
        conv3 = nn.Conv2d(filters, 4 * filters, 1);
        bn3 = BatchNorm(4 * filters, keras);
        if (stride != 1 || inputs != 4 * filters)
        {
            shortcutConv = nn.Conv2d(inputs, 4 * filters, 1, stride: stride);
            shortcutBn = BatchNorm(4 * filters, keras);
        }

        RegisterComponents();
    }

    /// <summary>Keras's BatchNormalization defaults as a PyTorch module; keras.applications' ResNets use epsilon 1.001e-5.</summary>
    public static BatchNorm2d BatchNorm(long features, bool keras = false) => nn.BatchNorm2d(features, eps: keras ? 1.001e-5 : 1e-3, momentum: 0.01);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var a = HandStridedPointwise.Call(conv1, input, stride);
        using var an = bn1.call(a);
        using var ar = F.relu(an);
        using var b = conv2.call(ar);
        using var bn = bn2.call(b);
        using var br = F.relu(bn);
        using var c = conv3.call(br);
        using var cn = bn3.call(c);
        using var projected = shortcutConv is null ? null : HandStridedPointwise.Call(shortcutConv, input, stride);
        using var shortcut = projected is null ? null : shortcutBn!.call(projected);
        using var sum = cn.add(shortcut ?? input);
        return F.relu(sum);
    }

    /// <summary>The unit's tensors under FluentNets' names, <c>{block}/1_conv.weight</c> and so on.</summary>
    public IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets()
    {
        var layers = new List<(string, Conv2d, BatchNorm2d)> { ("1", conv1, bn1), ("2", conv2, bn2), ("3", conv3, bn3) };
        if (shortcutConv is not null)
        {
            layers.Add(("shortcut", shortcutConv, shortcutBn!));
        }

        foreach (var (prefix, conv, norm) in layers)
        {
            string layer = keras ? $"{name}_{(prefix == "shortcut" ? "0" : prefix)}" : $"{name}/{prefix}";
            yield return ($"{layer}_conv.weight", conv.weight!, null);
            yield return ($"{layer}_conv.bias", conv.bias!, null);
            yield return ($"{layer}_bn.weight", norm.weight!, null);
            yield return ($"{layer}_bn.bias", norm.bias!, null);
            yield return ($"{layer}_bn.running_mean", norm.running_mean!, null);
            yield return ($"{layer}_bn.running_var", norm.running_var!, null);
        }
    }
}
