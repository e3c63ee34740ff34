using FluentNets.Backends.TorchSharp;
using FluentNets.Data;
using FluentNets.Training;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace FluentNets.Interactive.Tests;

/// <summary>A fit's progress in a kernel: one display, updated in place.</summary>
public sealed class FitProgressTests
{
    [Fact]
    public async Task AFitShowsOneDisplayAndUpdatesItInsteadOfAddingLines()
    {
        using var kernel = new CompositeKernel();
        FitProgress? progress = null;
        kernel.RegisterCommandHandler<SubmitCode>((_, _) =>
        {
            // What Fit does with its callbacks, for two epochs of three batches.
            progress = new FitProgress(epochs: 2);
            for (int epoch = 1; epoch <= 2; epoch++)
            {
                for (int batch = 1; batch <= 3; batch++)
                {
                    progress.OnBatchEnd(epoch, batch, 3, loss: 1.0 / batch, accuracy: 0.5);
                }

                progress.OnEpochEnd(new EpochResult(epoch, 0.5 / epoch, 0.8, 1, new Evaluation(0.4 / epoch, 0.9, 1, 10), 1e-3, 1, 100), null!);
            }

            return Task.CompletedTask;
        });

        var result = await kernel.SendAsync(new SubmitCode("fit"), TestContext.Current.CancellationToken);

        var produced = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToArray();
        Assert.Equal(progress!.Updates - 1, updates.Length);
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
        string last = updates[^1].FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("epoch 1/2: loss 0.5000, accuracy 0.8000, val_loss 0.4000, val_accuracy 0.9000", last, StringComparison.Ordinal);
        Assert.Contains("epoch 2/2: loss 0.2500, accuracy 0.8000, val_loss 0.2000, val_accuracy 0.9000", last, StringComparison.Ordinal);
        Assert.DoesNotContain("<progress", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFitACellRunsShowsItsProgressWithoutBeingAsked()
    {
        using var kernel = new CompositeKernel();
        FluentNetsKernelExtension.Load(kernel);
        TrainingHistory? history = null;
        kernel.RegisterCommandHandler<SubmitCode>((_, _) =>
        {
            history = Fit(new FitOptions { Epochs = 2, BatchSize = 8, Seed = 1 });
            return Task.CompletedTask;
        });

        var result = await kernel.SendAsync(new SubmitCode("fit"), TestContext.Current.CancellationToken);

        Assert.Empty(result.Events.OfType<CommandFailed>().Select(f => f.Message));
        var produced = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToArray();
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
        string last = updates[^1].FormattedValues.Single(v => v.MimeType == "text/html").Value;
        foreach (var epoch in history!.Epochs)
        {
            Assert.Contains(FitProgress.Line(epoch, 2), last, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFitThatNamesItsOwnProgressGetsNoSecondOne()
    {
        using var kernel = new CompositeKernel();
        FluentNetsKernelExtension.Load(kernel);
        kernel.RegisterCommandHandler<SubmitCode>((_, _) =>
        {
            Fit(new FitOptions { Epochs = 1, BatchSize = 8, Seed = 1, Callbacks = [new FitProgress(epochs: 1)] });
            return Task.CompletedTask;
        });

        var result = await kernel.SendAsync(new SubmitCode("fit"), TestContext.Current.CancellationToken);

        Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        Assert.Null(FitProgress.ForCell(new FitOptions()));
    }

    [Fact]
    public void OutsideANotebookItDoesNothing()
    {
        var progress = new FitProgress();

        progress.OnBatchEnd(1, 1, 1, 1, 0.5);

        Assert.Equal(0, progress.Updates);
    }

    // A fit of a one-layer network on 24 synthetic 4x4 images.
    private static TrainingHistory Fit(FitOptions options)
    {
        var network = Net.Input(4, 4, 1).Flatten().Dense(2, activation: Activation.Softmax).ToNetwork("tiny");
        using var compiled = new TorchSharpBackend(new TorchSharpBackendOptions { Device = "cpu" }).Compile(network, seed: 1);
        return ((ITrainableNetwork)compiled).Fit(DataSets.Synthetic(network.Input.Shape, 2, 24, seed: 1), options);
    }
}
