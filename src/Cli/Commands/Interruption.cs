using System.Runtime.InteropServices;
using FluentNets.Backends;
using FluentNets.Training;

namespace FluentNets.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM (what <c>kill</c>, <c>timeout</c>, systemd and container runtimes send)
/// during training: the first one cancels <see cref="Token"/>, which stops training before its next
/// step so the command can clean up and say where it stopped; a second one ends the process as usual.
/// As a training callback it follows the epoch and step, for that one line.
/// </summary>
internal sealed class Interruption : ITrainingCallback, IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;
    private int epoch = 1;
    private int step;
    private int steps;

    public Interruption()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Whether a signal asked training to stop.</summary>
    public bool Requested => source.IsCancellationRequested;

    /// <summary>The first signal that asked training to stop: SIGINT or SIGTERM.</summary>
    public PosixSignal Signal { get; private set; }

    /// <summary><c>interrupted</c> for Ctrl-C, <c>terminated (SIGTERM)</c> for SIGTERM.</summary>
    public string What => Signal == PosixSignal.SIGTERM ? "terminated (SIGTERM)" : "interrupted";

    /// <summary>The exit code shells report for a process the signal ended: 128 + its number.</summary>
    public int ExitCode => Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

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
        interrupt.Dispose();
        terminate.Dispose();
        source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (!source.IsCancellationRequested)
        {
            context.Cancel = true;
            Signal = context.Signal;
            source.Cancel();
        }
    }
}
