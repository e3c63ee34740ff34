using FluentNets.Backends.TorchSharp;

namespace FluentNets.Cli.Runtime;

/// <summary>
/// The CLI's <see cref="OneDnnBackwardGuard"/>: before the first CPU training of the process, a
/// child <c>fluentnets</c> runs the probes; where the strided backward dies, 1x1 strided
/// convolutions run subsampled (or, if that dies too, oneDNN is turned off for this process) and
/// the caller gets the sentence to print.
/// </summary>
public sealed class OneDnnGuard
{
    /// <summary>The hidden argument on which <see cref="Program.Main"/> runs the probe and exits.</summary>
    public const string ProbeArgument = OneDnnBackwardGuard.ProbeArgument;

    private readonly OneDnnBackwardGuard guard;

    /// <summary>A guard that runs the probe in a child <c>fluentnets</c> process.</summary>
    public OneDnnGuard()
        : this(argument => OneDnnBackwardGuard.RunChild(typeof(OneDnnGuard).Assembly.Location, argument))
    {
    }

    /// <summary>A guard around another way of running the probes, for tests.</summary>
    /// <param name="runProbe">Runs the probe its argument names and gives its exit code and standard error.</param>
    public OneDnnGuard(Func<string, (int ExitCode, string Error)> runProbe) => guard = new OneDnnBackwardGuard(runProbe);

    /// <summary>
    /// Probes once per guard; null when oneDNN is already off, survived the probe, or the probe
    /// could not start; otherwise the sentence saying that oneDNN is now off, and why.
    /// </summary>
    public string? EnsureTrainingSurvives() => guard.Ensure();

    /// <summary>Whether <paramref name="args"/> asks <c>fluentnets</c> to run a probe.</summary>
    /// <param name="args">The command-line arguments.</param>
    public static bool IsProbe(string[] args) => OneDnnBackwardGuard.IsProbe(args);

    /// <summary>The child's side: runs the probe <paramref name="args"/> names and returns 0 if the process is still alive.</summary>
    /// <param name="args">The command-line arguments.</param>
    public static int RunProbe(string[] args) => OneDnnBackwardGuard.RunProbe(args);
}
