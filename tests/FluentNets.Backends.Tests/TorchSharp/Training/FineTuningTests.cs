using FluentNets.Backends.TorchSharp;
using FluentNets.Data;
using FluentNets.Training;
using FluentNets.Weights;

namespace FluentNets.Backends.Tests.TorchSharp.Training;

[Collection(nameof(TrainerTests))]
public sealed class FineTuningTests : IDisposable
{
    private static readonly DataSet Tiny = DataSets.Synthetic(Shape.Image(8, 8, 1), classes: 3, count: 96, seed: 5);
    private readonly string folder = Directory.CreateTempSubdirectory("fluentnets-finetune-").FullName;

    private static (FluentNets.Graph.Network Network, FluentNets.Graph.Node Base) HeadOnBase(double dropout = 0)
    {
        var features = Net.Input(8, 8, 1)
            .Conv(4, 3, pad: Padding.Same, activation: Activation.Relu, name: "conv")
            .BatchNorm(name: "bn")
            .MaxPool(2)
            .Flatten();
        var network = features.Dropout(dropout).Dense(3, activation: Activation.Softmax, name: "head").ToNetwork("small");
        return (network, features.Node);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void AFrozenBaseKeepsEveryBitWhileTheHeadTrains()
    {
        var (network, features) = HeadOnBase();
        using var compiled = Cpu.Compile(network.FreezeUpTo(features), seed: 3);
        var before = compiled.GetState();

        compiled.Fit(Tiny, new FitOptions { Epochs = 2, BatchSize = 16, Optimizer = Optimizer.Sgd(0.1, momentum: 0.9) });

        var after = compiled.GetState();
        foreach (var name in new[] { "conv.weight", "conv.bias", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var" })
        {
            Assert.Equal(before[name].Data, after[name].Data);
        }

        Assert.NotEqual(before["head.weight"].Data, after["head.weight"].Data);
        Assert.NotEqual(before["head.bias"].Data, after["head.bias"].Data);
        Assert.Equal(["head.weight", "head.bias"], compiled.Parameters.Where(p => p.Trainable).Select(p => p.Name));
        Assert.All(compiled.Module.named_parameters().Where(p => p.name.StartsWith("conv", StringComparison.Ordinal)), p =>
        {
            Assert.False(p.parameter.requires_grad);
            Assert.True(p.parameter.grad is null);
        });
    }

    [Fact]
    public void AFrozenBatchNormNormalisesWithItsMovingStatisticsInTraining()
    {
        // Keras 3: a BatchNormalization layer with trainable=False runs in inference mode.
        var (network, _) = HeadOnBase();
        using var frozen = Cpu.Compile(network.Freeze("bn"), seed: 3);
        using var trainable = Cpu.Compile(network, seed: 3);
        var state = frozen.GetState().ToDictionary(p => p.Key, p => p.Value);
        state["bn.running_mean"] = new HostTensor([4], [0.5f, -0.25f, 1, 2]);
        state["bn.running_var"] = new HostTensor([4], [2, 0.5f, 1, 4]);
        frozen.SetState(state);
        trainable.SetState(state);
        var batch = Cpu.Random([5, 1, 8, 8]);

        var inTraining = frozen.Forward(batch, training: true)["head"].Data;

        Assert.Equal(frozen.Forward(batch)["head"].Data, inTraining);
        Assert.Equal(trainable.Forward(batch)["head"].Data, inTraining);
        Assert.NotEqual(trainable.Forward(batch, training: true)["head"].Data, inTraining);
        Assert.Equal(state["bn.running_mean"].Data, frozen.GetState()["bn.running_mean"].Data);
    }

    [Fact]
    public void WeightsMoveBetweenTheFrozenAndTheUnfrozenNetwork()
    {
        var (network, features) = HeadOnBase();
        string path = Path.Combine(folder, "head.safetensors");
        using (var frozen = Cpu.Compile(network.FreezeUpTo(features), seed: 3))
        {
            frozen.Save(path);
        }

        using var unfrozen = Cpu.Compile(network.FreezeUpTo(features).Unfreeze(), seed: 9);
        unfrozen.Load(path);

        using var reference = Cpu.Compile(network, seed: 3);
        Assert.Equal(reference.GetState()["conv.weight"].Data, unfrozen.GetState()["conv.weight"].Data);
        Assert.Equal(reference.Parameters.Count(p => p.Trainable), unfrozen.Parameters.Count(p => p.Trainable));
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    public void AResumedRunHasTheLossesOfTheUninterruptedOne(string optimizerName)
    {
        var optimizer = optimizerName == "sgd" ? Optimizer.Sgd(0.05, momentum: 0.9, decay: 0.05) : Optimizer.Adam(5e-3);
        var (network, _) = HeadOnBase(dropout: 0.3);
        var options = new FitOptions { Epochs = 4, BatchSize = 16, Seed = 21, Optimizer = optimizer, Schedule = LearningRateSchedule.Step(2, 0.5) };

        double[] straight;
        using (var compiled = Cpu.Compile(network, seed: 3))
        {
            straight = compiled.Fit(Tiny, options).Epochs.Select(e => e.Loss).ToArray();
        }

        string checkpoint = Path.Combine(folder, $"{optimizerName}.ckpt");
        using (var interrupted = Cpu.Compile(network, seed: 3))
        {
            interrupted.Fit(Tiny, options with { Epochs = 2, CheckpointPath = checkpoint });
        }

        using var resumed = Cpu.Compile(network, seed: 77);
        var history = resumed.Fit(Tiny, options with { ResumeFrom = checkpoint });

        Assert.Equal([3, 4], history.Epochs.Select(e => e.Epoch));
        Assert.Equal(straight[2..], history.Epochs.Select(e => e.Loss));
    }

    [Fact]
    public void ACheckpointOfAnotherRunIsRefusedBeforeAnythingChanges()
    {
        var (network, _) = HeadOnBase();
        string checkpoint = Path.Combine(folder, "run.ckpt");
        using (var compiled = Cpu.Compile(network, seed: 3))
        {
            compiled.Fit(Tiny, new FitOptions { Epochs = 1, BatchSize = 32, CheckpointPath = checkpoint, Optimizer = Optimizer.Sgd(0.1) });
        }

        using var other = Cpu.Compile(network, seed: 5);
        var before = other.GetState();
        var wrongOptimizer = Assert.Throws<WeightsException>(() =>
            other.Fit(Tiny, new FitOptions { Epochs = 3, BatchSize = 32, ResumeFrom = checkpoint, Optimizer = Optimizer.Adam() }));
        var done = Assert.Throws<WeightsException>(() =>
            other.Fit(Tiny, new FitOptions { Epochs = 1, BatchSize = 32, ResumeFrom = checkpoint, Optimizer = Optimizer.Sgd(0.1) }));

        Assert.Equal($"{checkpoint}: a checkpoint of small trained with sgd, not of small with adam.", wrongOptimizer.Message);
        Assert.Equal($"{checkpoint}: the checkpoint has 1 epochs done, so a run of 1 epochs has nothing left; ask for more epochs.", done.Message);
        Assert.Equal(before["conv.weight"].Data, other.GetState()["conv.weight"].Data);
    }

    [Fact]
    public void KerasDecayDividesTheRateByOnePlusDecayTimesTheStep()
    {
        // Keras's SGD(lr=0.2, decay=0.01) after 100 steps: 0.2 / (1 + 0.01 * 100) = 0.1.
        Assert.Equal(0.1, Optimizer.Sgd(0.2, decay: 0.01).DecayedRate(0.2, 100), 12);

        // With one full batch per epoch, decay 1 makes step 1 use lr / 2: the same run as halving the rate each epoch.
        var (network, _) = HeadOnBase();
        var decayed = Train(new FitOptions { Epochs = 2, BatchSize = 96, Optimizer = Optimizer.Sgd(0.5, decay: 1) });
        var halved = Train(new FitOptions { Epochs = 2, BatchSize = 96, Optimizer = Optimizer.Sgd(0.5), Schedule = LearningRateSchedule.Step(1, 0.5) });
        var constant = Train(new FitOptions { Epochs = 2, BatchSize = 96, Optimizer = Optimizer.Sgd(0.5) });

        Assert.Equal(halved, decayed);
        Assert.NotEqual(constant, decayed);

        float[] Train(FitOptions options)
        {
            using var compiled = Cpu.Compile(network, seed: 3);
            compiled.Fit(Tiny, options);
            return compiled.GetState()["head.weight"].Data;
        }
    }
}
