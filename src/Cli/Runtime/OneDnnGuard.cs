using System.Diagnostics;
using FluentNets.Backends.TorchSharp;

namespace FluentNets.Cli.Runtime;

/// <summary>
/// Keeps CPU training alive where libtorch's oneDNN kernels crash: before the first CPU training of
/// the process, a child <c>fluentnets</c> runs <see cref="LibTorchKernels.ProbeOneDnnBackward"/>;
/// when the child dies, oneDNN is turned off for this process (training then runs on libtorch's own
/// convolution kernels, slower but correct) and the caller gets the sentence to print.
/// </summary>
public sealed class OneDnnGuard
{
    /// <summary>The hidden argument on which <see cref="Program.Main"/> runs the probe and exits.</summary>
    public const string ProbeArgument = "--probe-onednn-backward";

    private readonly Func<(int ExitCode, string Error)> runProbe;
    private readonly Lazy<string?> verdict;

    /// <summary>A guard that runs the probe in a child <c>fluentnets</c> process.</summary>
    public OneDnnGuard()
        : this(RunChild)
    {
    }

    /// <summary>A guard around another way of running the probe, for tests.</summary>
    /// <param name="runProbe">Runs the probe and gives its exit code and standard error.</param>
    public OneDnnGuard(Func<(int ExitCode, string Error)> runProbe)
    {
        this.runProbe = runProbe ?? throw new ArgumentNullException(nameof(runProbe));
        verdict = new Lazy<string?>(Check);
    }

    /// <summary>
    /// Probes once per guard; null when oneDNN is already off, survived the probe, or the probe
    /// could not start; otherwise the sentence saying that oneDNN is now off, and why.
    /// </summary>
    public string? EnsureTrainingSurvives() => verdict.Value;

    /// <summary>The child's side: runs the probe and returns 0 if the process is still alive.</summary>
    public static int RunProbe()
    {
        LibTorchKernels.ProbeOneDnnBackward();
        return ExitCodes.Success;
    }

    private string? Check()
    {
        if (!LibTorchKernels.OneDnn)
        {
            return null;
        }

        (int exitCode, string error) = runProbe();
        if (exitCode == ExitCodes.Success || exitCode == -1)
        {
            return null;
        }

        LibTorchKernels.OneDnn = false;
        return $"oneDNN's convolution backward died in a probe on this CPU ({LibTorchKernels.DescribeProbeExit(exitCode, error)}); training uses libtorch's own kernels instead.";
    }

    // -1 when the child cannot be started: then nothing is known, and oneDNN stays as it is.
    private static (int ExitCode, string Error) RunChild()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(OneDnnGuard).Assembly.Location);
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
}
