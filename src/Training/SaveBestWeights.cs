using FluentNets.Backends;
using FluentNets.Weights;

namespace FluentNets.Training;

/// <summary>Saves the weights to <paramref name="path"/> whenever validation accuracy (training accuracy without validation) improves.</summary>
/// <param name="path">The weights file to write.</param>
public sealed class SaveBestWeights(string path) : ITrainingCallback
{
    /// <summary>The best monitored accuracy so far.</summary>
    public double BestAccuracy { get; private set; } = double.NegativeInfinity;

    /// <summary>The epoch whose weights are in the file.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The file written.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public bool OnEpochEnd(EpochResult result, ICompiledNetwork network)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(network);
        double monitored = result.Validation?.Accuracy ?? result.Accuracy;
        if (monitored > BestAccuracy)
        {
            BestAccuracy = monitored;
            BestEpoch = result.Epoch;
            WeightFile.Save(Path, network.GetState());
        }

        return true;
    }
}
