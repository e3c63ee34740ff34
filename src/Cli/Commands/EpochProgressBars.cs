using System.Diagnostics;
using FluentNets.Backends;
using FluentNets.Training;
using Spectre.Console;

namespace FluentNets.Cli.Commands;

/// <summary>
/// Progress for a terminal: a Spectre.Console bar per epoch that shows the running loss, accuracy
/// and images per second while the epoch runs, and the epoch's line with its validation once it ends.
/// </summary>
/// <param name="context">The live progress display.</param>
/// <param name="epochs">The number of epochs of the fit.</param>
/// <param name="batchSize">Examples per batch, for the throughput.</param>
/// <param name="examples">Training examples per epoch.</param>
internal sealed class EpochProgressBars(ProgressContext context, int epochs, int batchSize, int examples) : ITrainingCallback
{
    // Runs from the end of the previous epoch (its validation included), so the first batch has a time too.
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private ProgressTask? task;
    private int epoch;

    /// <inheritdoc />
    public void OnBatchEnd(int epoch, int batch, int batches, double loss, double accuracy)
    {
        if (task is null || epoch != this.epoch)
        {
            this.epoch = epoch;
            task = context.AddTask(Label(epoch), maxValue: batches);
        }

        double images = Math.Min((long)batch * batchSize, examples);
        task.Value = batch;
        task.Description = FormattableString.Invariant(
            $"{Label(epoch)}  loss {loss:F4}  acc {accuracy:F4}  {images / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F0} img/s");
    }

    /// <inheritdoc />
    public bool OnEpochEnd(EpochResult result, ICompiledNetwork network)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (task is not null)
        {
            task.Description = TrainingReport.Line(result, epochs);
            task.Value = task.MaxValue;
            task.StopTask();
        }

        clock.Restart();
        return true;
    }

    private string Label(int epoch) => $"epoch {epoch}/{epochs}";
}
