using FluentNets.Backends;
using FluentNets.Training;

namespace FluentNets.Cli.Commands;

/// <summary>Progress for a file or a pipe: one plain line per finished epoch, flushed as it is written.</summary>
/// <param name="output">Where it writes.</param>
/// <param name="epochs">The number of epochs of the fit.</param>
internal sealed class EpochLines(TextWriter output, int epochs) : ITrainingCallback
{
    /// <inheritdoc />
    public bool OnEpochEnd(EpochResult result, ICompiledNetwork network)
    {
        output.WriteLine(TrainingReport.Line(result, epochs));
        output.Flush();
        return true;
    }
}
