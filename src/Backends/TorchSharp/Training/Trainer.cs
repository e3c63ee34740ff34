using System.Diagnostics;
using FluentNets.Data;
using FluentNets.Graph;
using FluentNets.Layers;
using FluentNets.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp.Training;

/// <summary>
/// Fit, evaluate and predict for a <see cref="TorchSharpNetwork"/>. Every step runs inside its own
/// dispose scope, so the number of live tensors does not grow from epoch to epoch.
/// </summary>
internal static class Trainer
{
    public static TrainingHistory Fit(TorchSharpNetwork network, DataSet train, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var data = Prepare(network, train);
        var validation = options.Validation is null ? null : Prepare(network, options.Validation);
        var optimizerSpec = options.Optimizer ?? Optimizer.Adam();
        var schedule = options.Schedule ?? LearningRateSchedule.Constant;
        var callbacks = AmbientCallbacks.For(options);

        // Frozen layers' parameters do not require gradients: the optimizer never sees them.
        var parameters = network.Module.parameters().Where(p => p.requires_grad).ToArray();
        using var optimizer = Create(optimizerSpec, parameters);
        var penalties = L2Penalties(network);
        var auxiliary = network.Network.Auxiliary;
        string main = network.Network.Output.Name;
        var (start, iteration) = options.ResumeFrom is { } resume ? TrainingCheckpoint.Restore(resume, network, optimizer, optimizerSpec, options) : (0, 0L);

        var epochs = new List<EpochResult>();
        bool stopped = false;
        for (int epoch = start; epoch < options.Epochs && !stopped; epoch++)
        {
            // Each epoch seeds dropout and the shuffle from the seed and its own number, so a resumed
            // run draws what the uninterrupted run drew.
            int epochSeed = unchecked(options.Seed * 7919 + epoch);
            manual_seed(epochSeed);
            double rate = schedule.RateAt(epoch, optimizerSpec.LearningRate);
            SetRate(optimizer, rate);

            var clock = Stopwatch.StartNew();
            var totals = new Totals();
            int batches = (data.Count + options.BatchSize - 1) / options.BatchSize, batch = 0;
            foreach (var (images, labels) in data.Batches(options.BatchSize, shuffle: true, seed: epochSeed))
            {
                options.Cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                if (optimizerSpec.Decay > 0)
                {
                    SetRate(optimizer, optimizerSpec.DecayedRate(rate, iteration));
                }

                var x = HostTensors.ToTorch(images, network.TorchDevice);
                var y = tensor(labels.Select(l => (long)l).ToArray(), device: network.TorchDevice);
                optimizer.zero_grad();
                var outputs = network.ForwardTensors(x, training: true, logits: true);
                var scores = Scores(outputs[main]);
                var loss = F.cross_entropy(scores, y);
                foreach (var head in auxiliary)
                {
                    loss = loss + F.cross_entropy(outputs[head.Name], y) * head.LossWeight;
                }

                foreach (var (kernel, factor) in penalties)
                {
                    loss = loss + kernel.square().sum() * factor;
                }

                loss.backward();
                OptimizerStep.Run(optimizer);
                iteration++;
                totals.Add(loss, scores, y);
                batch++;
                foreach (var callback in callbacks)
                {
                    callback.OnBatchEnd(epoch + 1, batch, batches, totals.Loss, totals.Accuracy);
                }
            }

            clock.Stop();
            options.Cancellation.ThrowIfCancellationRequested();
            var result = new EpochResult(
                epoch + 1, totals.Loss, totals.Accuracy, totals.Top5,
                validation is null ? null : Evaluate(network, validation, options.BatchSize),
                rate, clock.Elapsed.TotalSeconds, totals.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
            epochs.Add(result);
            if (options.CheckpointPath is { } checkpoint)
            {
                TrainingCheckpoint.Write(checkpoint, network, optimizer, optimizerSpec, epoch + 1, iteration, options.Seed);
            }

            foreach (var callback in callbacks)
            {
                stopped |= !callback.OnEpochEnd(result, network);
            }
        }

        return new TrainingHistory(epochs, stopped && epochs.Count < options.Epochs);
    }

    public static Evaluation Evaluate(TorchSharpNetwork network, DataSet data, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var prepared = Prepare(network, data);
        var totals = new Totals();
        using var noGrad = no_grad();
        foreach (var (images, labels) in prepared.Batches(batchSize))
        {
            using var scope = NewDisposeScope();
            var x = HostTensors.ToTorch(images, network.TorchDevice);
            var y = tensor(labels.Select(l => (long)l).ToArray(), device: network.TorchDevice);
            var logits = Scores(network.ForwardTensors(x, training: false, logits: true)[network.Network.Output.Name]);
            totals.Add(F.cross_entropy(logits, y), logits, y);
        }

        return new Evaluation(totals.Loss, totals.Accuracy, totals.Top5, totals.Count);
    }

    public static HostTensor Predict(TorchSharpNetwork network, HostTensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = HostTensors.ToTorch(input, network.TorchDevice);
        var logits = Scores(network.ForwardTensors(x, training: false, logits: true)[network.Network.Output.Name]);
        return HostTensors.FromTorch(softmax(logits, 1));
    }

    // A 1x1xK image (Dense applied to a 1x1 map, as seed 000's GoogLeNet does) holds K scores.
    private static Tensor Scores(Tensor output) => output.dim() == 4 ? output.flatten(1) : output;

    private static DataSet Prepare(TorchSharpNetwork network, DataSet data)
    {
        var output = network.Network.Output.Shape;
        if ((output.IsImage && (output.Height, output.Width) != (1, 1)) || data.Classes > output.Channels)
        {
            throw new ArgumentException(
                $"{network.Network.Name} ends in {output.ToKeras()} but {data.Name} has {data.Classes} classes: the main output must be a vector (or a 1x1 image) of at least that many scores.");
        }

        return data.Shape.Equals(network.Network.Input.Shape) ? data : data.ResizeTo(network.Network.Input.Shape);
    }

    private static void SetRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }

    private static optim.Optimizer Create(Optimizer spec, IEnumerable<Parameter> parameters) => spec switch
    {
        SgdOptimizer s => optim.SGD(parameters, s.LearningRate, s.Momentum, dampening: 0, s.WeightDecay, s.Nesterov),
        AdamOptimizer { Decoupled: false } a => optim.Adam(parameters, a.LearningRate, a.Beta1, a.Beta2, a.Epsilon, a.WeightDecay),
        AdamOptimizer a => optim.AdamW(parameters, a.LearningRate, a.Beta1, a.Beta2, a.Epsilon, a.WeightDecay),
        _ => throw new NotSupportedException($"The TorchSharp backend has no optimizer for {spec.GetType().Name}."),
    };

    /// <summary>Each kernel with an L2 factor: Keras's <c>l2(x)</c> adds x * sum(kernel^2) to the loss.</summary>
    private static (Tensor Kernel, double Factor)[] L2Penalties(TorchSharpNetwork network) =>
        network.Parameters
            .Where(p => p.Spec is { L2: > 0 })
            .Select(p => (network.StateTensor(p.Name), p.Spec!.L2))
            .ToArray();

    /// <summary>Running sums of loss and accuracy over an epoch, read back once per batch.</summary>
    private sealed class Totals
    {
        private double lossSum;
        private long correct;
        private long top5;

        public int Count { get; private set; }

        public double Loss => Count == 0 ? 0 : lossSum / Count;

        public double Accuracy => Count == 0 ? 0 : (double)correct / Count;

        public double Top5 => Count == 0 ? 0 : (double)top5 / Count;

        public void Add(Tensor loss, Tensor logits, Tensor labels)
        {
            int n = (int)labels.shape[0];
            lossSum += loss.item<float>() * n;
            correct += logits.argmax(1).eq(labels).sum().item<long>();
            int k = (int)Math.Min(5, logits.shape[1]);
            top5 += logits.topk(k, 1).indexes.eq(labels.unsqueeze(1)).any(1).sum().item<long>();
            Count += n;
        }
    }
}
