using FluentNets.Backends.TorchSharp;
using FluentNets.Data;
using FluentNets.Training;
using FluentNets.Weights;
using TorchSharp;

namespace FluentNets.Backends.Tests.TorchSharp.Training;

// Dropout draws from libtorch's process-wide generator, which Fit seeds: a test running beside these
// that draws from it too (a forward pass in training mode, randn) would change their masks.
[CollectionDefinition(nameof(TrainerTests), DisableParallelization = true)]
public sealed class TrainerCollection;

[Collection(nameof(TrainerTests))]
public class TrainerTests
{
    private static readonly DataSet Tiny = DataSets.Synthetic(Shape.Image(8, 8, 1), classes: 3, count: 96, seed: 5);

    private static FluentNets.Graph.Network SmallCnn(double dropout = 0) =>
        Net.Input(8, 8, 1)
            .Conv(4, 3, pad: Padding.Same, activation: Activation.Relu)
            .BatchNorm()
            .MaxPool(2)
            .Flatten()
            .Dropout(dropout)
            .Dense(3, activation: Activation.Softmax)
            .ToNetwork("small");

    [Fact]
    public void TwoFitsWithTheSameSeedGiveIdenticalLosses()
    {
        double[] Losses()
        {
            using var network = Cpu.Compile(SmallCnn(dropout: 0.25), seed: 3);
            var history = network.Fit(Tiny, new FitOptions { Epochs = 3, BatchSize = 16, Seed = 11 });
            return history.Epochs.Select(e => e.Loss).ToArray();
        }

        var first = Losses();
        Assert.Equal(first, Losses());
        Assert.Equal(3, first.Length);
    }

    [Fact]
    public void TheLossFallsOnLearnableData()
    {
        using var network = Cpu.Compile(SmallCnn(), seed: 3);
        var history = network.Fit(Tiny, new FitOptions { Epochs = 5, BatchSize = 16, Optimizer = Optimizer.Adam(1e-2) });

        Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss * 0.8, $"losses {string.Join(", ", history.Epochs.Select(e => e.Loss))}");
        Assert.True(network.Evaluate(Tiny).Accuracy > 0.8);
    }

    [Fact]
    public void Seed003sNaiveInceptionLearnsACifarShapedSetWithAdam()
    {
        var cifarLike = DataSets.Synthetic(Shape.Image(32, 32, 3), classes: 10, count: 256, seed: 3);
        using var network = Cpu.Compile(FluentNets.Zoo.ModelZoo.Get("inception-naive").Build(), seed: 1);

        var losses = network.Fit(cifarLike, new FitOptions { Epochs = 3, BatchSize = 32, Optimizer = Optimizer.Adam(1e-3) })
            .Epochs.Select(e => e.Loss).ToArray();

        Assert.True(losses[1] < losses[0] && losses[2] < losses[1], $"losses {string.Join(", ", losses)}");
    }

    [Fact]
    public void LiveTensorsAfterTheFirstAndThirdEpochAreTheSame()
    {
        using var network = Cpu.Compile(SmallCnn(dropout: 0.5), seed: 3);
        var live = new LiveTensorCounter();
        network.Fit(Tiny, new FitOptions { Epochs = 3, BatchSize = 16, Validation = Tiny, Callbacks = [live] });

        Assert.Equal(3, live.Counts.Count);
        Assert.Equal(live.Counts[0], live.Counts[2]);
    }

    [Fact]
    public void AuxiliaryLossesCountInTrainingAndNotInEvaluation()
    {
        // With a zero learning rate the weights stay put, so the epoch's loss is the formula's value.
        var x = Net.Input(8, 8, 1).Conv(4, 3, activation: Activation.Relu, name: "trunk");
        var network = x.Aux("aux", h => h.Flatten().Dense(3, activation: Activation.Softmax, name: "aux_fc"), lossWeight: 0.3)
            .GlobalAvgPool().Dense(3, activation: Activation.Softmax, name: "fc").ToNetwork("with_aux");
        using var compiled = Cpu.Compile(network, seed: 2);

        var history = compiled.Fit(Tiny, new FitOptions { Epochs = 1, BatchSize = 96, Optimizer = Optimizer.Sgd(learningRate: 0) });
        var outputs = compiled.Forward(Images(Tiny), training: true);
        double main = CrossEntropy(outputs["fc"], Tiny.Labels), aux = CrossEntropy(outputs["aux"], Tiny.Labels);

        Assert.Equal(main + 0.3 * aux, history.Epochs[0].Loss, 4);
        Assert.Equal(main, compiled.Evaluate(Tiny).Loss, 4);
        Assert.NotEqual(main, history.Epochs[0].Loss, 2);
    }

    [Fact]
    public void AnL2FactorAddsItsPenaltyToTheTrainingLoss()
    {
        var network = Net.Input(8, 8, 1).Flatten().Dense(3, activation: Activation.Softmax, l2: 0.01, name: "fc").ToNetwork("l2");
        using var compiled = Cpu.Compile(network, seed: 2);

        var history = compiled.Fit(Tiny, new FitOptions { Epochs = 1, BatchSize = 96, Optimizer = Optimizer.Sgd(learningRate: 0) });
        double penalty = 0.01 * compiled.GetState()["fc.weight"].Data.Sum(w => (double)w * w);

        Assert.Equal(compiled.Evaluate(Tiny).Loss + penalty, history.Epochs[0].Loss, 4);
    }

    [Fact]
    public void EarlyStoppingEndsTrainingWhenTheLossStopsFalling()
    {
        using var network = Cpu.Compile(SmallCnn(), seed: 3);
        var history = network.Fit(Tiny, new FitOptions
        {
            Epochs = 10,
            BatchSize = 96,
            Optimizer = Optimizer.Sgd(learningRate: 0),
            Callbacks = [new EarlyStopping(patience: 2, minDelta: 1e-6)],
        });

        Assert.True(history.StoppedEarly);
        Assert.Equal(3, history.Epochs.Count);
    }

    [Fact]
    public void SavedBestWeightsReproduceTheirAccuracy()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fluentnets-best-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var network = Cpu.Compile(SmallCnn(), seed: 3);
            var best = new SaveBestWeights(path);
            var history = network.Fit(Tiny, new FitOptions { Epochs = 4, BatchSize = 16, Validation = Tiny, Callbacks = [best] });

            using var reloaded = Cpu.Compile(SmallCnn(), seed: 99);
            reloaded.Load(path);
            Assert.Equal(history.Epochs[best.BestEpoch - 1].Validation!.Accuracy, reloaded.Evaluate(Tiny).Accuracy);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PredictGivesProbabilitiesThatSumToOne()
    {
        using var network = Cpu.Compile(SmallCnn(), seed: 3);
        var probabilities = network.Predict(Images(Tiny));

        Assert.Equal([96, 3], probabilities.Shape);
        for (int i = 0; i < 96; i++)
        {
            Assert.Equal(1, probabilities.Data.Skip(i * 3).Take(3).Sum(), 4);
        }
    }

    [Fact]
    public void TooFewOutputsForTheClassesIsAnError()
    {
        using var network = Cpu.Compile(Net.Input(8, 8, 1).Flatten().Dense(2).ToNetwork("two"));

        var error = Assert.Throws<ArgumentException>(() => network.Fit(Tiny, new FitOptions { Epochs = 1 }));
        Assert.Equal("two ends in (None, 2) but synthetic has 3 classes: the main output must be a vector (or a 1x1 image) of at least that many scores.", error.Message);
    }

    private static HostTensor Images(DataSet data) => data.Batches(data.Count).Single().Images;

    private static double CrossEntropy(HostTensor probabilities, IReadOnlyList<int> labels)
    {
        int classes = probabilities.Shape[1];
        return labels.Select((label, i) => -Math.Log(probabilities.Data[i * classes + label])).Average();
    }

    private sealed class LiveTensorCounter : ITrainingCallback
    {
        public List<long> Counts { get; } = [];

        public bool OnEpochEnd(EpochResult result, ICompiledNetwork network)
        {
            Counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            return true;
        }
    }
}
