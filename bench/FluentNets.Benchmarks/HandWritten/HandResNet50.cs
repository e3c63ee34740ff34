using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// Seed 000's ResNet50 (the structure <c>src/Dsl/Zoo/ResNet.cs</c> builds, Keras applications'
/// layers) in plain TorchSharp: zero pad 3, 7x7/2 conv with bias, BatchNorm, ReLU, 3x3/2 unpadded
/// max pool, bottleneck stages [3, 4, 6, 3], 7x7 average pool, flatten, dense, softmax. With
/// <c>keras</c>, keras.applications' ResNet50 (the zoo's <c>resnet50</c>): the max pool padded by 1,
/// epsilon 1.001e-5, Keras's layer names, a global average pool.
/// </summary>
public sealed class HandResNet50 : HandWrittenNetwork
{
    private static readonly long[] StemPad = [3, 3, 3, 3];
    private static readonly long[] PoolPad = [1, 1, 1, 1];
    private readonly bool keras;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ModuleList<HandBottleneck> blocks;
    private readonly Linear fc;

    /// <summary>Creates the module.</summary>
    /// <param name="classes">Classes of the classifier.</param>
    /// <param name="keras">keras.applications' ResNet50 rather than seed 000's.</param>
    public HandResNet50(int classes = 1000, bool keras = false)
        : base("hand_resnet50")
    {
        this.keras = keras;
        conv1 = nn.Conv2d(3, 64, 7, stride: 2);
        bn1 = HandBottleneck.BatchNorm(64, keras);
        var units = new List<HandBottleneck>();
        long channels = 64;
        int[] perStage = [3, 4, 6, 3];
        for (int stage = 0; stage < perStage.Length; stage++)
        {
            long filters = 64L << stage;
            for (int block = 0; block < perStage[stage]; block++)
            {
                long stride = block == 0 && stage > 0 ? 2 : 1;
                units.Add(new HandBottleneck($"conv{stage + 2}_block{block + 1}", channels, filters, stride, keras));
                channels = 4 * filters;
            }
        }

        blocks = nn.ModuleList(units.ToArray());
        fc = nn.Linear(channels, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor Logits(Tensor input)
    {
        using var padded = F.pad(input, StemPad);
        using var c1 = conv1.call(padded);
        using var b1 = bn1.call(c1);
        using var r1 = F.relu(b1);
        using var padded1 = keras ? F.pad(r1, PoolPad) : r1.alias();
        var x = F.max_pool2d(padded1, 3, 2);
        foreach (var block in blocks)
        {
            using var previous = x;
            x = block.call(previous);
        }

        using (x)
        {
            using var pooled = keras ? x.mean([2, 3]) : F.avg_pool2d(x, 7);
            using var flat = pooled.flatten(1);
            return fc.call(flat);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets() =>
    [
        .. WeightAndBias("conv1_conv", conv1.weight!, conv1.bias!),
        .. BatchNormTargets("conv1_bn", bn1),
        .. blocks.SelectMany(b => b.Targets()),
        .. WeightAndBias("predictions", fc.weight!, fc.bias!),
    ];
}
