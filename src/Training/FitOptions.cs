using FluentNets.Data;

namespace FluentNets.Training;

/// <summary>How <see cref="ITrainableNetwork.Fit"/> trains: the seeds' defaults are Adam, batch 128, 10 epochs.</summary>
public sealed record FitOptions
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per step.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>The optimiser; Adam(1e-3) when null.</summary>
    public Optimizer? Optimizer { get; init; }

    /// <summary>The learning-rate schedule; constant when null.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Data evaluated after each epoch, in inference mode.</summary>
    public DataSet? Validation { get; init; }

    /// <summary>Observers of progress; a callback returning false from <see cref="ITrainingCallback.OnEpochEnd"/> stops training.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>Seed of the shuffling and of dropout: two fits with the same seed on CPU give identical losses.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// A checkpoint file written after every epoch (atomically): the weights, the optimizer's state
    /// (momentum, Adam's moments), the epoch and the step count, for <see cref="ResumeFrom"/>.
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// A checkpoint to continue from: its weights and optimizer state are restored and training runs
    /// from the epoch after the checkpoint's to <see cref="Epochs"/>, with the same losses as a run
    /// that was never interrupted (same seed, data and options).
    /// </summary>
    public string? ResumeFrom { get; init; }

    /// <summary>
    /// Stops training at the next step once cancelled (e.g. by Ctrl-C): <see cref="ITrainableNetwork.Fit"/>
    /// throws <see cref="OperationCanceledException"/> before the step, leaving the weights of the last step taken.
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Throws unless every option is in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Epochs or BatchSize is not positive.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
    }
}
