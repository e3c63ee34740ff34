using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// Seed 000's GoogLeNet for inference (<c>src/Dsl/Zoo/GoogLeNet.cs</c> without its auxiliary heads,
/// which only run in training) in plain TorchSharp at 224x224: TensorFlow's SAME padding written out
/// (the 7x7/2 stem pads 2 before and 3 after; the stride-2 max pools pad one row and column of -inf
/// after), nine Inception modules, a 7x7 average pool and the linear classifier acting on the 1x1 map's
/// channels. <see cref="HandWrittenNetwork.forward"/> is overridden: the seed's main head has no softmax.
/// </summary>
public sealed class HandGoogLeNet : HandWrittenNetwork
{
    private static readonly long[] StemPad = [2, 3, 2, 3];
    private static readonly long[] PoolPad = [0, 1, 0, 1];
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly ModuleList<HandInception> inceptions;
    private readonly Linear classifier;

    /// <summary>Creates the module.</summary>
    /// <param name="classes">Classes of the classifier.</param>
    public HandGoogLeNet(int classes = 1000)
        : base("hand_googlenet")
    {
        conv1 = nn.Conv2d(3, 64, 7, stride: 2);
        conv2 = nn.Conv2d(64, 192, 3, padding: 1);
        inceptions = nn.ModuleList<HandInception>(
            new("inception_3a", 192, 64, 96, 128, 16, 32, 32),
            new("inception_3b", 256, 128, 128, 192, 32, 96, 64),
            new("inception_4a", 480, 192, 96, 208, 16, 48, 64),
            new("inception_4b", 512, 160, 112, 224, 24, 64, 64),
            new("inception_4c", 512, 128, 128, 256, 24, 64, 64),
            new("inception_4d", 512, 112, 144, 288, 32, 64, 64),
            new("inception_4e", 528, 256, 160, 320, 32, 128, 128),
            new("inception_5a", 832, 256, 160, 320, 32, 128, 128),
            new("inception_5b", 832, 384, 192, 384, 48, 128, 128));
        classifier = nn.Linear(1024, classes);
        RegisterComponents();
    }

    /// <summary>The classifier's scores as a (N, classes, 1, 1) map, as the zoo's network gives them.</summary>
    public override Tensor forward(Tensor input) => Logits(input);

    /// <inheritdoc />
    public override Tensor Logits(Tensor input)
    {
        using var padded = F.pad(input, StemPad);
        using var c1 = conv1.call(padded);
        using var r1 = F.relu(c1);
        using var p1 = MaxPool(r1);
        using var c2 = conv2.call(p1);
        using var r2 = F.relu(c2);
        var x = MaxPool(r2);
        for (int i = 0; i < inceptions.Count; i++)
        {
            using var previous = x;
            x = inceptions[i].call(previous);
            if (i is 1 or 6)
            {
                // pool3 after inception_3b, pool4 after inception_4e.
                using var before = x;
                x = MaxPool(before);
            }
        }

        using (x)
        {
            using var pooled = F.avg_pool2d(x, 7);
            using var flat = pooled.flatten(1);
            using var scores = classifier.call(flat);
            return scores.view(scores.shape[0], scores.shape[1], 1, 1);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets() =>
    [
        .. WeightAndBias("conv1_7x7_s2", conv1.weight!, conv1.bias!),
        .. WeightAndBias("conv2_3x3", conv2.weight!, conv2.bias!),
        .. inceptions.SelectMany(m => m.Targets()),
        .. WeightAndBias("classifier", classifier.weight!, classifier.bias!),
    ];

    // TensorFlow's SAME 3x3/2 max pool on an even size: one row and column of -inf after.
    private static Tensor MaxPool(Tensor x)
    {
        using var padded = F.pad(x, PoolPad, PaddingModes.Constant, double.NegativeInfinity);
        return F.max_pool2d(padded, 3, 2);
    }
}
