using System.Collections.Concurrent;
using System.Diagnostics;

namespace FluentNets.Export.Tests;

/// <summary>Debian's Python with PyTorch (python3-torch), run as a child process.</summary>
internal static class Python
{
    public const string Executable = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<string, string?> Missing = new(StringComparer.Ordinal);

    /// <summary>Why PyTorch can't be used here, or null when it can.</summary>
    public static string? WhyNotTorch => WhyNot("torch");

    /// <summary>Why the Debian package python3-<paramref name="module"/> can't be imported here, or null when it can.</summary>
    public static string? WhyNot(string module) => Missing.GetOrAdd(module, m =>
    {
        if (!File.Exists(Executable))
        {
            return $"{Executable} is not installed (apt-get install python3-{m})";
        }

        var (code, _, error) = Run(["-c", $"import {m}"], Path.GetTempPath(), TimeSpan.FromMinutes(5));
        return code == 0 ? null : $"{Executable} cannot import {m} (apt-get install python3-{m}): {error.Trim().Split('\n')[^1]}";
    });

    /// <summary>Runs Python with <paramref name="arguments"/> in <paramref name="directory"/>.</summary>
    public static (int ExitCode, string Out, string Error) Run(IEnumerable<string> arguments, string directory, TimeSpan timeout)
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

        start.Environment["OMP_NUM_THREADS"] = "1";
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
