using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// One Inception module of seed 000's GoogLeNet in plain TorchSharp: 1x1; 1x1 then 3x3; 1x1 then 5x5;
/// 3x3/1 max pool (SAME, -inf padding) then 1x1; every convolution biased and followed by ReLU; the
/// four branches concatenated along the channels.
/// </summary>
public sealed class HandInception : nn.Module<Tensor, Tensor>
{
    private static readonly long[] PoolPad = [1, 1, 1, 1];
    private readonly Conv2d branch1;
    private readonly Conv2d reduce3;
    private readonly Conv2d branch3;
    private readonly Conv2d reduce5;
    private readonly Conv2d branch5;
    private readonly Conv2d poolProjection;

    /// <summary>Creates the module with the seed's channel counts.</summary>
    public HandInception(string name, long inputs, long c1, long r3, long c3, long r5, long c5, long pool)
        : base(name)
    {
        branch1 = nn.Conv2d(inputs, c1, 1);
        reduce3 = nn.Conv2d(inputs, r3, 1);
        branch3 = nn.Conv2d(r3, c3, 3, padding: 1);
        reduce5 = nn.Conv2d(inputs, r5, 1);
        branch5 = nn.Conv2d(r5, c5, 5, padding: 2);
        poolProjection = nn.Conv2d(inputs, pool, 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var a = Relu(branch1, input);
        using var b1 = Relu(reduce3, input);
        using var b = Relu(branch3, b1);
        using var c1 = Relu(reduce5, input);
        using var c = Relu(branch5, c1);
        using var padded = F.pad(input, PoolPad, PaddingModes.Constant, double.NegativeInfinity);
        using var pooled = F.max_pool2d(padded, 3, 1);
        using var d = Relu(poolProjection, pooled);
        return cat([a, b, c, d], 1);
    }

    /// <summary>The module's tensors under FluentNets' names, <c>{module}/1x1.weight</c> and so on.</summary>
    public IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets()
    {
        foreach (var (layer, conv) in new[] { ("1x1", branch1), ("3x3_reduce", reduce3), ("3x3", branch3), ("5x5_reduce", reduce5), ("5x5", branch5), ("pool_proj", poolProjection) })
        {
            yield return ($"{name}/{layer}.weight", conv.weight!, null);
            yield return ($"{name}/{layer}.bias", conv.bias!, null);
        }
    }

    private static Tensor Relu(Conv2d conv, Tensor x)
    {
        using var y = conv.call(x);
        return F.relu(y);
    }
}
