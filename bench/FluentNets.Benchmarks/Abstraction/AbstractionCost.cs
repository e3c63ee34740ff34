using FluentNets.Benchmarks.Harness;
using FluentNets.Benchmarks.HandWritten;
using FluentNets.Zoo;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.Abstraction;

/// <summary>
/// Times the FluentNets network against the same network written by hand in TorchSharp, with the
/// same weights, input, threads and loss, interleaved by <see cref="Repeater"/>.
/// </summary>
public static class AbstractionCost
{
    /// <summary>Learning rate of the SGD step: any value works, the timing does not depend on it.</summary>
    public const double LearningRate = 0.01;

    private const int Seed = 7;

    /// <summary>Runs one case.</summary>
    /// <param name="c">The case.</param>
    /// <param name="repeater">Warm-ups and repeats.</param>
    /// <param name="threads">libtorch threads.</param>
    /// <param name="kernels">The convolution kernels both contenders run with (see <see cref="TrainingKernelsChoice.Choose"/>).</param>
    /// <exception cref="InvalidOperationException">The hand-written network cannot take the FluentNets weights.</exception>
    public static AbstractionResult Run(AbstractionCase c, Repeater repeater, int threads, TrainingKernels kernels)
    {
        using var applied = TrainingKernelsChoice.Apply(kernels);
        return Measure(c, repeater, threads) with { Kernels = kernels };
    }

    private static AbstractionResult Measure(AbstractionCase c, Repeater repeater, int threads)
    {
        // The hand-written ResNet-50 is seed 000's (unpadded stem pool), which the zoo keeps as resnet50-pool55.
        var network = ModelZoo.Get(c.Model == "resnet50" ? "resnet50-pool55" : c.Model).Build(Shape.Image(c.Size, c.Size, c.Channels));
        using var fluent = FluentNetsModel.Compile(network, Seed, threads);
        using HandWrittenNetwork hand = c.Model switch
        {
            "lenet5" => new HandLeNet5(),
            "resnet50" => new HandResNet50(),
            "tv-mobilenet-v2" => new HandMobileNetV2(),
            "tv-efficientnet-b0" => new HandEfficientNetB0(),
            "tv-convnext-tiny" => new HandConvNeXtTiny(),
            "tv-resnext50-32x4d" => new HandResNeXt50(),
            _ => throw new ArgumentException(
                $"Expected one of lenet5, resnet50, tv-mobilenet-v2, tv-efficientnet-b0, tv-convnext-tiny, tv-resnext50-32x4d. Received: {c.Model}.", nameof(c)),
        };
        hand.Load(fluent.State());

        using var generator = new Generator(Seed);
        using var input = randn([c.Batch, c.Channels, c.Size, c.Size], generator: generator);
        using var labels = randint(10, [c.Batch], ScalarType.Int64, generator: generator);
        double difference = MaxAbsDifference(fluent, hand, input);

        (Measurement, Measurement?) times;
        if (c.Training)
        {
            using var fluentOptimizer = optim.SGD(fluent.Module.parameters(), LearningRate);
            using var handOptimizer = optim.SGD(hand.parameters(), LearningRate);
            hand.train();
            times = repeater.TimePair(
                () => TrainStep(x => fluent.Logits(x, training: true), fluentOptimizer, input, labels),
                () => TrainStep(hand.Logits, handOptimizer, input, labels));
        }
        else
        {
            hand.eval();
            times = repeater.TimePair(
                () => Infer(x => fluent.Forward(x, training: false), input),
                () => Infer(hand.call, input));
        }

        return new AbstractionResult(c, network.Analysis.InferenceMacs, times.Item1, times.Item2!, difference);
    }

    /// <summary>
    /// One training step as FluentNets' trainer takes it: forward to the logits (the scores before
    /// the final softmax), cross-entropy from logits, backward, SGD update.
    /// </summary>
    public static void TrainStep(Func<Tensor, Tensor> logits, optim.Optimizer optimizer, Tensor input, Tensor labels)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = F.cross_entropy(logits(input), labels);
        loss.backward();
        optimizer.step();
    }

    /// <summary>One inference without autograd; the output is disposed.</summary>
    public static void Infer(Func<Tensor, Tensor> forward, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        forward(input);
    }

    private static double MaxAbsDifference(FluentNetsModel fluent, HandWrittenNetwork hand, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        hand.eval();
        var sample = input.narrow(0, 0, Math.Min(2, input.shape[0]));
        var a = fluent.Forward(sample, training: false);
        var b = hand.call(sample);
        return a.sub(b).abs().max().item<float>();
    }
}
