using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// torchvision 0.14's <c>resnext50_32x4d</c> (<c>torchvision/models/resnet.py</c>) in plain TorchSharp: the 7x7/2
/// stem conv without bias padded by 3, BatchNorm, ReLU and a 3x3/2 max pool padded by 1, stages of 3, 4, 6 and 3
/// <see cref="HandResNeXtBottleneck"/> blocks with 32 groups of 4 channels per 64 planes, global average pooling
/// and <c>fc</c>.
/// </summary>
public sealed class HandResNeXt50 : HandWrittenNetwork
{
    private const long Groups = 32;
    private const long WidthPerGroup = 4;
    private static readonly int[] Blocks = [3, 4, 6, 3];
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ModuleList<HandResNeXtBottleneck> blocks;
    private readonly Linear fc;

    /// <summary>Creates the module for 3-channel inputs.</summary>
    /// <param name="classes">Outputs of <c>fc</c>.</param>
    public HandResNeXt50(int classes = 1000)
        : base("hand_resnext50_32x4d")
    {
        conv1 = nn.Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        var units = new List<HandResNeXtBottleneck>();
        long channels = 64;
        for (int stage = 0; stage < Blocks.Length; stage++)
        {
            long planes = 64L << stage;
            for (int i = 0; i < Blocks[stage]; i++)
            {
                long stride = stage > 0 && i == 0 ? 2 : 1;
                units.Add(new HandResNeXtBottleneck($"layer{stage + 1}.{i}", channels, planes, stride, Groups, WidthPerGroup));
                channels = 4 * planes;
            }
        }

        blocks = nn.ModuleList(units.ToArray());
        fc = nn.Linear(channels, classes);
        RegisterComponents();
    }

    /// <summary>The classifier's scores, as torchvision's model and the zoo's network end: no softmax.</summary>
    public override Tensor forward(Tensor input) => Logits(input);

    /// <inheritdoc />
    public override Tensor Logits(Tensor input)
    {
        using var c1 = conv1.call(input);
        using var b1 = bn1.call(c1);
        using var r1 = F.relu(b1);
        var x = F.max_pool2d(r1, 3, 2, 1);
        foreach (var block in blocks)
        {
            using var previous = x;
            x = block.call(previous);
        }

        using (x)
        {
            using var pooled = x.mean([2, 3]);
            return fc.call(pooled);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets() =>
    [
        ("conv1.weight", conv1.weight!, null),
        .. BatchNormTargets("bn1", bn1),
        .. blocks.SelectMany(b => b.Targets()),
        .. WeightAndBias("fc", fc.weight!, fc.bias!),
    ];
}
