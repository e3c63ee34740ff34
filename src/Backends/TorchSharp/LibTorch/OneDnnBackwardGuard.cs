using System.Diagnostics;
using System.Reflection;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Keeps CPU training alive where libtorch's oneDNN convolution backward crashes: a child process
/// runs <see cref="LibTorchKernels.ProbeOneDnnBackward"/> (a SIGFPE there cannot be caught in
/// process). When that child dies, a second one runs the same projections as a subsample and a
/// stride-1 convolution (<see cref="LibTorchKernels.ProbeOneDnnBackwardSubsampled"/>); when it
/// survives, <see cref="LibTorchKernels.SubsampleStridedPointwise"/> is turned on and oneDNN stays
/// on for the whole training step; when it dies too, oneDNN is turned off for this process
/// (libtorch's own kernels: slower, but alive). Either way the caller gets the sentence to print.
/// </summary>
/// <remarks>
/// A program that trains on the CPU calls the probe at the top of its <c>Main</c> and the guard
/// before its first training step:
/// <code>
/// static int Main(string[] args)
/// {
///     if (OneDnnBackwardGuard.IsProbe(args))
///     {
///         return OneDnnBackwardGuard.RunProbe();
///     }
///
///     if (new OneDnnBackwardGuard().Ensure() is { } line)
///     {
///         Console.Error.WriteLine(line);
///     }
///     // ... compile and Fit
/// }
/// </code>
/// The default guard starts the entry assembly again with <see cref="ProbeArgument"/>; pass another
/// way of running the probe where the entry assembly is not the program (a test host, a service).
/// Forward passes need no guard: <see cref="ConvolutionKernelCheck"/> covers their convolutions.
/// </remarks>
public sealed class OneDnnBackwardGuard
{
    /// <summary>The argument on which a program runs the strided probe and exits.</summary>
    public const string ProbeArgument = "--probe-onednn-backward";

    /// <summary>The argument on which a program runs the subsampled probe and exits.</summary>
    public const string SubsampledProbeArgument = "--probe-onednn-backward-subsampled";

    private readonly Func<string, (int ExitCode, string Error)> runProbe;
    private readonly Lazy<string?> verdict;

    /// <summary>A guard that starts the process's entry assembly with <see cref="ProbeArgument"/>.</summary>
    public OneDnnBackwardGuard()
        : this(argument => Assembly.GetEntryAssembly() is { Location: { Length: > 0 } path } ? RunChild(path, argument) : (-1, ""))
    {
    }

    /// <summary>A guard around another way of running the probes.</summary>
    /// <param name="runProbe">
    /// Runs the probe named by its argument (<see cref="ProbeArgument"/> or <see cref="SubsampledProbeArgument"/>)
    /// in a child process and gives its exit code (-1 when it could not start) and standard error.
    /// </param>
    public OneDnnBackwardGuard(Func<string, (int ExitCode, string Error)> runProbe)
    {
        this.runProbe = runProbe ?? throw new ArgumentNullException(nameof(runProbe));
        verdict = new Lazy<string?>(Check);
    }

    /// <summary>Whether <paramref name="args"/> asks this program to run a probe.</summary>
    /// <param name="args">The program's arguments.</param>
    public static bool IsProbe(IReadOnlyList<string> args) => args is [ProbeArgument] or [SubsampledProbeArgument];

    /// <summary>The child's side: runs the probe <paramref name="args"/> names and returns 0 if the process is still alive.</summary>
    /// <param name="args">The program's arguments, for which <see cref="IsProbe"/> holds.</param>
    public static int RunProbe(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [SubsampledProbeArgument])
        {
            LibTorchKernels.ProbeOneDnnBackwardSubsampled();
        }
        else
        {
            LibTorchKernels.ProbeOneDnnBackward();
        }

        return 0;
    }

    /// <summary>
    /// Runs <c>dotnet <paramref name="program"/> <paramref name="argument"/></c> (the program itself
    /// when it is not a .dll) and gives its exit code and standard error; -1 when it cannot be started.
    /// </summary>
    /// <param name="program">The program whose <c>Main</c> answers <see cref="IsProbe"/>.</param>
    /// <param name="argument">The probe's argument.</param>
    public static (int ExitCode, string Error) RunChild(string program, string argument)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(argument);
        bool assembly = program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(assembly ? host : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (assembly)
        {
            start.ArgumentList.Add(program);
        }

        start.ArgumentList.Add(argument);
        try
        {
            using var child = Process.Start(start);
            if (child is null)
            {
                return (-1, "");
            }

            var error = child.StandardError.ReadToEndAsync();
            _ = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            return (child.ExitCode, error.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "");
        }
    }

    /// <summary>
    /// Probes once per guard; null when oneDNN is already off, survived the probe, or the probe
    /// could not start; otherwise turns oneDNN off and gives the sentence saying so, and why. Where
    /// the switch cannot be reached (<see cref="LibTorchKernels.CanSwitchOneDnn"/> is false) the
    /// subsampled form is still taken when it survives; when it does not, the sentence says that
    /// oneDNN stays on.
    /// </summary>
    public string? Ensure() => verdict.Value;

    private string? Check()
    {
        if (!LibTorchKernels.OneDnn)
        {
            return null;
        }

        (int exitCode, string error) = runProbe(ProbeArgument);
        if (exitCode is 0 or -1)
        {
            return null;
        }

        if (runProbe(SubsampledProbeArgument).ExitCode == 0)
        {
            LibTorchKernels.SubsampleStridedPointwise = true;
            return $"oneDNN's backward of 1x1 stride-2 convolutions died in a probe on this CPU ({LibTorchKernels.DescribeProbeExit(exitCode, error)}); they run as a stride-2 subsample and a 1x1 stride-1 convolution, whose backward survives, and oneDNN stays on.";
        }

        if (!LibTorchKernels.CanSwitchOneDnn)
        {
            return $"oneDNN's convolution backward died in a probe on this CPU ({LibTorchKernels.DescribeProbeExit(exitCode, error)}), and this libtorch does not export the switch that turns oneDNN off: training may die the same way.";
        }

        LibTorchKernels.OneDnn = false;
        return $"oneDNN's convolution backward died in a probe on this CPU ({LibTorchKernels.DescribeProbeExit(exitCode, error)}); training uses libtorch's own kernels instead.";
    }
}
