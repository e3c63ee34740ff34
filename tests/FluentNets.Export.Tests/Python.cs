using System.Collections.Concurrent;
using System.Diagnostics;

namespace FluentNets.Export.Tests;

/// <summary>
/// Debian's Python with the packages the tests need (python3-torch, -torchvision, -h5py, -onnx), run
/// as a child process; linked into every test project that writes or checks files with it.
/// </summary>
internal static class Python
{
    public const string Executable = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<string, string?> Missing = new(StringComparer.Ordinal);

    /// <summary>Why PyTorch can't be used here, or null when it can.</summary>
    public static string? WhyNotTorch => WhyNot("torch");

    /// <summary>
    /// Why the Debian packages python3-<paramref name="modules"/> can't all be imported here, or null
    /// when they can; asked once per process for each list.
    /// </summary>
    public static string? WhyNot(params string[] modules) => Missing.GetOrAdd(string.Join(", ", modules), names =>
    {
        string packages = string.Join(" ", modules.Select(m => $"python3-{m}"));
        if (!File.Exists(Executable))
        {
            return $"{Executable} is not installed (apt-get install {packages})";
        }

        var (code, _, error) = Run(["-c", $"import {names}"], Path.GetTempPath(), TimeSpan.FromMinutes(5));
        return code == 0 ? null : $"{Executable} cannot import {names} (apt-get install {packages}): {error.Trim().Split('\n')[^1]}";
    });

    /// <summary>
    /// Runs Python with <paramref name="arguments"/> in <paramref name="directory"/>, on one OpenMP
    /// thread unless <paramref name="oneThread"/> is false (for scripts that run whole networks), with
    /// <paramref name="environment"/> added to its environment.
    /// </summary>
    /// <exception cref="TimeoutException">It ran past <paramref name="timeout"/> and was killed.</exception>
    public static (int ExitCode, string Out, string Error) Run(
        IEnumerable<string> arguments, string directory, TimeSpan timeout, bool oneThread = true, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        if (oneThread)
        {
            start.Environment["OMP_NUM_THREADS"] = "1";
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python did not finish in {timeout}: {stderr.Result}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
