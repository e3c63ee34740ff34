using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentNets.Backends.TorchSharp;
using FluentNets.Benchmarks.Harness;

namespace FluentNets.Benchmarks.Peer;

/// <summary>
/// Runs one of the harness's Python scripts (copied next to the harness) with Debian's Python, which is
/// where <c>apt-get install python3-torch</c> puts PyTorch, with the harness's threads and, when asked,
/// this process's glibc heap settings, and reads the one JSON object it prints.
/// </summary>
public static class PythonProcess
{
    /// <summary>Debian's interpreter; <c>python3</c> on the PATH may be another one without torch.</summary>
    public const string DebianPython = "/usr/bin/python3";

    /// <summary>
    /// Runs <paramref name="script"/> with <paramref name="arguments"/>; returns the JSON it printed, or
    /// the reason there is none (it could not start, ran past <paramref name="timeout"/>, failed, printed
    /// <c>{"error": ...}</c>, or printed no JSON).
    /// </summary>
    /// <param name="script">The script's file name next to the harness, e.g. <c>pytorch_peer.py</c>.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="threads">Intra-op threads: <c>OMP_NUM_THREADS</c>, <c>MKL_NUM_THREADS</c>, <c>OPENBLAS_NUM_THREADS</c>.</param>
    /// <param name="keptHeap">Whether glibc keeps freed memory as this process's heap does (<see cref="NativeHeap.EnvironmentVariables"/>).</param>
    /// <param name="timeout">How long it may run.</param>
    public static (JsonNode? Json, string? Reason) Run(string script, IEnumerable<string> arguments, int threads, bool keptHeap, TimeSpan timeout)
    {
        string path = Path.Combine(AppContext.BaseDirectory, script);
        string python = File.Exists(DebianPython) ? DebianPython : "python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        string count = Text(threads);
        start.Environment["OMP_NUM_THREADS"] = count;
        start.Environment["MKL_NUM_THREADS"] = count;
        start.Environment["OPENBLAS_NUM_THREADS"] = count;
        if (keptHeap)
        {
            foreach (var (name, value) in NativeHeap.EnvironmentVariables())
            {
                start.Environment[name] = value;
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start.");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"{python} cannot be started: {e.Message}");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (null, $"{script} ran past {timeout.TotalMinutes:0} minutes and was stopped");
            }

            JsonNode? json;
            try
            {
                json = JsonNode.Parse(stdout.Result.Trim() is { Length: > 0 } text ? text : "null");
            }
            catch (JsonException)
            {
                json = null;
            }

            if (json?["error"] is JsonNode error)
            {
                return (null, error.GetValue<string>());
            }

            if (process.ExitCode != 0 || json is null)
            {
                string tail = string.Join(" ", stderr.Result.Trim().Split('\n').TakeLast(3));
                return (null, $"{script} failed (exit code {process.ExitCode}): {tail}");
            }

            return (json, null);
        }
    }

    /// <summary>A measurement as the scripts print it: <c>median_ms</c>, <c>q1_ms</c>, <c>q3_ms</c>, <c>repeats</c>, <c>cpu_median_ms</c>.</summary>
    public static Measurement Measurement(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new(
            node["median_ms"]!.GetValue<double>(), node["q1_ms"]!.GetValue<double>(), node["q3_ms"]!.GetValue<double>(), node["repeats"]!.GetValue<int>(),
            node["cpu_median_ms"]?.GetValue<double>());
    }

    /// <summary>A number as the scripts' arguments take it.</summary>
    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
