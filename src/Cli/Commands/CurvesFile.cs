using FluentNets.Backends;
using FluentNets.Export.Plot;
using FluentNets.Training;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>train --plot FILE.svg</c>: the loss and accuracy curves of the run so far, rewritten after
/// every epoch, so that a long run can be watched by reloading the picture.
/// </summary>
/// <param name="path">The SVG file, checked by <see cref="PictureFile.Check"/>.</param>
/// <param name="title">The title above the curves.</param>
internal sealed class CurvesFile(string path, string title) : ITrainingCallback
{
    private readonly List<EpochResult> epochs = [];

    /// <inheritdoc />
    public bool OnEpochEnd(EpochResult result, ICompiledNetwork network)
    {
        epochs.Add(result);
        PictureFile.Write(path, "--plot", new TrainingHistory(epochs, StoppedEarly: false).Plot(title));
        return true;
    }
}
