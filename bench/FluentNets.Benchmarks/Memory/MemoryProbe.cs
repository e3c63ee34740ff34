using FluentNets.Benchmarks.Abstraction;
using FluentNets.Benchmarks.HandWritten;
using FluentNets.Zoo;
using TorchSharp;
using static TorchSharp.torch;

namespace FluentNets.Benchmarks.Memory;

/// <summary>
/// Runs LeNet-5 training steps (batch 128, the abstraction benchmark's step) and reads the live
/// tensor counters and the resident set size before and after. The counters are read first, with
/// no garbage collection: a tensor that only its finalizer would free counts as live, which is
/// what a leak looks like. The RSS is read after a full collection, the same way both times, so
/// that it measures what the steps kept rather than when the collector last ran.
/// </summary>
public static class MemoryProbe
{
    private const int WarmupSteps = 20;

    /// <summary>Probes FluentNets, then the hand-written network for comparison.</summary>
    public static IReadOnlyList<MemoryResult> Run(int steps, int threads)
    {
        var lenet = AbstractionCase.All.First(c => c.Model == "lenet5" && c.Training);
        var network = ModelZoo.Get("lenet5").Build();
        using var generator = new Generator(3);
        using var input = randn([lenet.Batch, lenet.Channels, lenet.Size, lenet.Size], generator: generator);
        using var labels = randint(10, [lenet.Batch], ScalarType.Int64, generator: generator);

        MemoryResult fluentResult;
        using (var fluent = FluentNetsModel.Compile(network, 3, threads))
        using (var optimizer = optim.SGD(fluent.Module.parameters(), AbstractionCost.LearningRate))
        {
            fluentResult = Probe("FluentNets", steps, () => AbstractionCost.TrainStep(x => fluent.Logits(x, training: true), optimizer, input, labels));
        }

        MemoryResult handResult;
        using (var hand = new HandLeNet5())
        using (var optimizer = optim.SGD(hand.parameters(), AbstractionCost.LearningRate))
        {
            hand.train();
            handResult = Probe("hand-written TorchSharp", steps, () => AbstractionCost.TrainStep(hand.Logits, optimizer, input, labels));
        }

        return [fluentResult, handResult];
    }

    private static MemoryResult Probe(string contender, int steps, Action step)
    {
        // Let the finalizers of whatever ran before free their tensors now rather than during the steps.
        SettledRss();
        for (int i = 0; i < WarmupSteps; i++)
        {
            step();
        }

        long live = Tensor.TotalCount, thread = DisposeScopeManager.Statistics.ThreadTotalLiveCount, rss = SettledRss();
        for (int i = 0; i < steps; i++)
        {
            step();
        }

        long liveAfter = Tensor.TotalCount, threadAfter = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        return new MemoryResult(contender, steps, live, liveAfter, thread, threadAfter, rss, SettledRss());
    }

    private static long SettledRss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Environment.WorkingSet;
    }
}
