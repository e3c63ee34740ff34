using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentNets.Backends.TorchSharp;
using FluentNets.Benchmarks.Abstraction;
using FluentNets.Benchmarks.Harness;

namespace FluentNets.Benchmarks.Peer;

/// <summary>
/// Runs <c>pytorch_peer.py</c> (copied next to the harness) with Debian's Python, which is where
/// <c>apt-get install python3-torch</c> puts PyTorch, and reads the JSON it prints.
/// </summary>
public static class PyTorchPeer
{
    /// <summary>Debian's interpreter; <c>python3</c> on the PATH may be another one without torch.</summary>
    public const string DebianPython = "/usr/bin/python3";

    /// <summary>
    /// Runs the peer on <paramref name="cases"/> with the harness's threads and repeat settings; with
    /// <paramref name="keptHeap"/>, on the glibc heap settings this process runs with, through glibc's
    /// own environment variables for them (<see cref="NativeHeap.EnvironmentVariables"/>).
    /// </summary>
    public static PeerResult Run(IReadOnlyList<AbstractionCase> cases, BenchOptions options, Repeater repeater, TimeSpan timeout, bool keptHeap = false)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "pytorch_peer.py");
        string python = File.Exists(DebianPython) ? DebianPython : "python3";
        var caseJson = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
        {
            ["model"] = c.Model,
            ["training"] = c.Training,
            ["batch"] = c.Batch,
            ["size"] = c.Size,
            ["channels"] = c.Channels,
        }).ToArray());
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[
            script, "--threads", Text(options.Threads), "--warmups", Text(repeater.Warmups), "--repeats", Text(repeater.Repeats),
            "--min-repeats", Text(repeater.MinRepeats), "--budget", Text(repeater.Budget.TotalSeconds), "--cases", caseJson.ToJsonString()])
        {
            start.ArgumentList.Add(argument);
        }

        string threads = Text(options.Threads);
        start.Environment["OMP_NUM_THREADS"] = threads;
        start.Environment["MKL_NUM_THREADS"] = threads;
        start.Environment["OPENBLAS_NUM_THREADS"] = threads;
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
            return PeerResult.Unavailable($"{python} cannot be started: {e.Message}");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return PeerResult.Unavailable($"the PyTorch peer ran past {timeout.TotalMinutes:0} minutes and was stopped");
            }

            return Parse(stdout.Result, stderr.Result, process.ExitCode, cases);
        }
    }

    private static PeerResult Parse(string stdout, string stderr, int exitCode, IReadOnlyList<AbstractionCase> cases)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(stdout.Trim() is { Length: > 0 } text ? text : "null");
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json?["error"] is JsonNode error)
        {
            return PeerResult.Unavailable(error.GetValue<string>());
        }

        if (exitCode != 0 || json is null)
        {
            string tail = string.Join(" ", stderr.Trim().Split('\n').TakeLast(3));
            return PeerResult.Unavailable($"the PyTorch peer failed (exit code {exitCode}): {tail}");
        }

        var measured = new Dictionary<AbstractionCase, Measurement>();
        foreach (var node in json["cases"]!.AsArray())
        {
            var match = cases.First(c => c.Model == node!["model"]!.GetValue<string>() && c.Training == node["training"]!.GetValue<bool>());
            measured[match] = Measurement(node!);
        }

        return new PeerResult(
            true, null,
            $"PyTorch {json["torch"]!.GetValue<string>()} (Python {json["python"]!.GetValue<string>()}, oneDNN {(json["mkldnn"]!.GetValue<bool>() ? "on" : "off")})",
            json["threads"]!.GetValue<int>(), Measurement(json["matmul"]!), json["matmul"]!["gflops"]!.GetValue<double>(), measured);
    }

    private static Measurement Measurement(JsonNode node) => new(
        node["median_ms"]!.GetValue<double>(), node["q1_ms"]!.GetValue<double>(), node["q3_ms"]!.GetValue<double>(), node["repeats"]!.GetValue<int>(),
        node["cpu_median_ms"]?.GetValue<double>());

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
