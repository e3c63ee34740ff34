using System.Runtime.InteropServices;
using FluentNets.Backends;
using FluentNets.Training;

namespace FluentNets.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) during training: the first one cancels <see cref="Token"/>, which stops training
/// before its next step so the command can clean up and say where it stopped; a second one ends the
/// process as usual. As a training callback it follows the epoch and step, for that one line.
/// </summary>
internal sealed class Interruption : ITrainingCallback, IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration registration;
    private int epoch = 1;
    private int step;
    private int steps;

    public Interruption() => registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);

    /// <summary>Cancelled by the first Ctrl-C.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Whether Ctrl-C was pressed.</summary>
    public bool Requested => source.IsCancellationRequested;

    /// <summary><c>in epoch 3 after step 12 of 45</c>.</summary>
    public string Where => step == 0 ? $"at the start of epoch {epoch}" : $"in epoch {epoch} after step {step} of {steps}";

    public void OnBatchEnd(int epoch, int batch, int batches, double loss, double accuracy) =>
        (this.epoch, step, steps) = (epoch, batch, batches);

    public bool OnEpochEnd(EpochResult result, ICompiledNetwork network)
    {
        (epoch, step) = (result.Epoch + 1, 0);
        return true;
    }

    public void Dispose()
    {
        registration.Dispose();
        source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (!source.IsCancellationRequested)
        {
            context.Cancel = true;
            source.Cancel();
        }
    }
}
