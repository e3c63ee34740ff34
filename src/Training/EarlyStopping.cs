using FluentNets.Backends;

namespace FluentNets.Training;

/// <summary>Stops training when the validation loss (or the training loss, without validation) has not improved for <paramref name="patience"/> epochs.</summary>
/// <param name="patience">Epochs without improvement before stopping, at least 1.</param>
/// <param name="minDelta">The smallest decrease that counts as an improvement.</param>
public sealed class EarlyStopping(int patience, double minDelta = 0) : ITrainingCallback
{
    private double best = double.PositiveInfinity;
    private int waited;

    /// <summary>The epoch with the best monitored loss so far.</summary>
    public int BestEpoch { get; private set; }

    /// <inheritdoc />
    public bool OnEpochEnd(EpochResult result, ICompiledNetwork network)
    {
        ArgumentNullException.ThrowIfNull(result);
        double monitored = result.Validation?.Loss ?? result.Loss;
        if (monitored < best - minDelta)
        {
            best = monitored;
            BestEpoch = result.Epoch;
            waited = 0;
            return true;
        }

        return ++waited < Math.Max(1, patience);
    }
}
