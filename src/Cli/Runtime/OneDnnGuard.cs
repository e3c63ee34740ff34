using FluentNets.Backends.TorchSharp;

namespace FluentNets.Cli.Runtime;

/// <summary>
/// The CLI's <see cref="OneDnnBackwardGuard"/>: before the first CPU training of the process, a
/// child <c>fluentnets</c> runs the probe; when the child dies, oneDNN is turned off for this
/// process and the caller gets the sentence to print.
/// </summary>
public sealed class OneDnnGuard
{
    /// <summary>The hidden argument on which <see cref="Program.Main"/> runs the probe and exits.</summary>
    public const string ProbeArgument = OneDnnBackwardGuard.ProbeArgument;

    private readonly OneDnnBackwardGuard guard;

    /// <summary>A guard that runs the probe in a child <c>fluentnets</c> process.</summary>
    public OneDnnGuard()
        : this(() => OneDnnBackwardGuard.RunChild(typeof(OneDnnGuard).Assembly.Location))
    {
    }

    /// <summary>A guard around another way of running the probe, for tests.</summary>
    /// <param name="runProbe">Runs the probe and gives its exit code and standard error.</param>
    public OneDnnGuard(Func<(int ExitCode, string Error)> runProbe) => guard = new OneDnnBackwardGuard(runProbe);

    /// <summary>
    /// Probes once per guard; null when oneDNN is already off, survived the probe, or the probe
    /// could not start; otherwise the sentence saying that oneDNN is now off, and why.
    /// </summary>
    public string? EnsureTrainingSurvives() => guard.Ensure();

    /// <summary>The child's side: runs the probe and returns 0 if the process is still alive.</summary>
    public static int RunProbe() => OneDnnBackwardGuard.RunProbe();
}
