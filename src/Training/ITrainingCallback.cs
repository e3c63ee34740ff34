using FluentNets.Backends;

namespace FluentNets.Training;

/// <summary>Observes training; may stop it.</summary>
public interface ITrainingCallback
{
    /// <summary>After each batch: progress for a progress bar.</summary>
    /// <param name="epoch">One-based epoch.</param>
    /// <param name="batch">One-based batch within the epoch.</param>
    /// <param name="batches">Batches in the epoch.</param>
    /// <param name="loss">Running mean loss of the epoch so far.</param>
    /// <param name="accuracy">Running accuracy of the epoch so far.</param>
    void OnBatchEnd(int epoch, int batch, int batches, double loss, double accuracy)
    {
    }

    /// <summary>After each epoch, with the network that is being trained; return false to stop training.</summary>
    bool OnEpochEnd(EpochResult result, ICompiledNetwork network) => true;
}
