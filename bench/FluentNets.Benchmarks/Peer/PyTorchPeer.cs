using System.Text.Json.Nodes;
using FluentNets.Backends.TorchSharp;
using FluentNets.Benchmarks.Abstraction;
using FluentNets.Benchmarks.Harness;

namespace FluentNets.Benchmarks.Peer;

/// <summary>Runs <c>pytorch_peer.py</c> through <see cref="PythonProcess"/> and reads the JSON it prints.</summary>
public static class PyTorchPeer
{
    /// <summary>
    /// Runs the peer on <paramref name="cases"/> with the harness's threads and repeat settings; with
    /// <paramref name="keptHeap"/>, on the glibc heap settings this process runs with, through glibc's
    /// own environment variables for them (<see cref="NativeHeap.EnvironmentVariables"/>).
    /// </summary>
    public static PeerResult Run(IReadOnlyList<AbstractionCase> cases, BenchOptions options, Repeater repeater, TimeSpan timeout, bool keptHeap = false)
    {
        var caseJson = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
        {
            ["model"] = c.Model,
            ["training"] = c.Training,
            ["batch"] = c.Batch,
            ["size"] = c.Size,
            ["channels"] = c.Channels,
        }).ToArray());
        var (json, reason) = PythonProcess.Run(
            "pytorch_peer.py",
            [
                "--threads", Text(options.Threads), "--warmups", Text(repeater.Warmups), "--repeats", Text(repeater.Repeats),
                "--min-repeats", Text(repeater.MinRepeats), "--budget", Text(repeater.Budget.TotalSeconds), "--cases", caseJson.ToJsonString(),
            ],
            options.Threads,
            keptHeap,
            timeout);
        if (json is null)
        {
            return PeerResult.Unavailable(reason!);
        }

        var measured = new Dictionary<AbstractionCase, Measurement>();
        foreach (var node in json["cases"]!.AsArray())
        {
            var match = cases.First(c => c.Model == node!["model"]!.GetValue<string>() && c.Training == node["training"]!.GetValue<bool>());
            measured[match] = PythonProcess.Measurement(node!);
        }

        return new PeerResult(
            true, null,
            $"PyTorch {json["torch"]!.GetValue<string>()} (Python {json["python"]!.GetValue<string>()}, oneDNN {(json["mkldnn"]!.GetValue<bool>() ? "on" : "off")})",
            json["threads"]!.GetValue<int>(), PythonProcess.Measurement(json["matmul"]!), json["matmul"]!["gflops"]!.GetValue<double>(), measured);
    }

    private static string Text(double value) => PythonProcess.Text(value);
}
