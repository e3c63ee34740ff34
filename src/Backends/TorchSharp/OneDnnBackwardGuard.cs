using System.Diagnostics;
using System.Reflection;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Keeps CPU training alive where libtorch's oneDNN convolution backward crashes: a child process
/// runs <see cref="LibTorchKernels.ProbeOneDnnBackward"/> (a SIGFPE there cannot be caught in
/// process), and when the child dies, oneDNN is turned off for this process (training then runs
/// on libtorch's own convolution kernels, slower but alive) and the caller gets the sentence to print.
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
    /// <summary>The argument on which a program runs the probe and exits.</summary>
    public const string ProbeArgument = "--probe-onednn-backward";

    private readonly Func<(int ExitCode, string Error)> runProbe;
    private readonly Lazy<string?> verdict;

    /// <summary>A guard that starts the process's entry assembly with <see cref="ProbeArgument"/>.</summary>
    public OneDnnBackwardGuard()
        : this(() => Assembly.GetEntryAssembly() is { Location: { Length: > 0 } path } ? RunChild(path) : (-1, ""))
    {
    }

    /// <summary>A guard around another way of running the probe.</summary>
    /// <param name="runProbe">Runs the probe in a child process and gives its exit code (-1 when it could not start) and standard error.</param>
    public OneDnnBackwardGuard(Func<(int ExitCode, string Error)> runProbe)
    {
        this.runProbe = runProbe ?? throw new ArgumentNullException(nameof(runProbe));
        verdict = new Lazy<string?>(Check);
    }

    /// <summary>Whether <paramref name="args"/> asks this program to run the probe.</summary>
    /// <param name="args">The program's arguments.</param>
    public static bool IsProbe(IReadOnlyList<string> args) => args is [ProbeArgument];

    /// <summary>The child's side: runs the probe and returns 0 if the process is still alive.</summary>
    public static int RunProbe()
    {
        LibTorchKernels.ProbeOneDnnBackward();
        return 0;
    }

    /// <summary>
    /// Runs <c>dotnet <paramref name="program"/> --probe-onednn-backward</c> (the program itself when
    /// it is not a .dll) and gives its exit code and standard error; -1 when it cannot be started.
    /// </summary>
    /// <param name="program">The program whose <c>Main</c> answers <see cref="IsProbe"/>.</param>
    public static (int ExitCode, string Error) RunChild(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
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

        start.ArgumentList.Add(ProbeArgument);
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
    /// could not start; otherwise turns oneDNN off and gives the sentence saying so, and why.
    /// </summary>
    public string? Ensure() => verdict.Value;

    private string? Check()
    {
        if (!LibTorchKernels.OneDnn)
        {
            return null;
        }

        (int exitCode, string error) = runProbe();
        if (exitCode is 0 or -1)
        {
            return null;
        }

        LibTorchKernels.OneDnn = false;
        return $"oneDNN's convolution backward died in a probe on this CPU ({LibTorchKernels.DescribeProbeExit(exitCode, error)}); training uses libtorch's own kernels instead.";
    }
}
