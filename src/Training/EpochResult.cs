namespace FluentNets.Training;

/// <summary>What one epoch of training measured.</summary>
/// <param name="Epoch">One-based epoch number.</param>
/// <param name="Loss">Mean training loss (auxiliary heads and L2 terms included).</param>
/// <param name="Accuracy">Training top-1 accuracy of the main output.</param>
/// <param name="Top5">Training top-5 accuracy.</param>
/// <param name="Validation">The validation metrics, when validation data was given.</param>
/// <param name="LearningRate">The rate used in this epoch.</param>
/// <param name="Seconds">Wall time of the epoch's training steps.</param>
/// <param name="ImagesPerSecond">Training throughput.</param>
public sealed record EpochResult(
    int Epoch, double Loss, double Accuracy, double Top5, Evaluation? Validation, double LearningRate, double Seconds, double ImagesPerSecond);

/// <summary>Loss and accuracy of a network on a data set, in inference mode.</summary>
/// <param name="Loss">Mean cross-entropy of the main output (no auxiliary or L2 terms).</param>
/// <param name="Accuracy">Top-1 accuracy.</param>
/// <param name="Top5">Top-5 accuracy.</param>
/// <param name="Count">Examples evaluated.</param>
public sealed record Evaluation(double Loss, double Accuracy, double Top5, int Count);

/// <summary>The per-epoch results of a fit, in order.</summary>
/// <param name="Epochs">One result per completed epoch.</param>
/// <param name="StoppedEarly">Whether a callback ended training before the last epoch.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochResult> Epochs, bool StoppedEarly);
