using System.Text.Json.Nodes;
using FluentNets.Benchmarks.Harness;
using FluentNets.Benchmarks.Inference;

namespace FluentNets.Benchmarks.Peer;

/// <summary>
/// Runs <c>pytorch_inference.py</c> on the inference cases, on the same glibc heap as this process
/// (<see cref="BenchHeap"/>): PyTorch 1.13 eager and after <c>torch.jit.freeze</c> and
/// <c>torch.jit.optimize_for_inference</c>, each on FluentNets' PyTorch export of the case's model and
/// weights, and adds their times and the differences of their outputs to the results.
/// </summary>
public static class PyTorchInferencePeer
{
    /// <summary>The results with the peer's two contenders added, or with the reason they are missing.</summary>
    public static IReadOnlyList<InferenceResult> Run(
        IReadOnlyList<InferenceResult> results, IReadOnlyDictionary<string, InferenceWorkspace> workspaces, BenchOptions options, Repeater repeater, TimeSpan timeout)
    {
        var (json, reason) = PythonProcess.Run(
            "pytorch_inference.py",
            [
                "--threads", PythonProcess.Text(options.Threads), "--warmups", PythonProcess.Text(repeater.Warmups),
                "--repeats", PythonProcess.Text(repeater.Repeats), "--min-repeats", PythonProcess.Text(repeater.MinRepeats),
                "--budget", PythonProcess.Text(repeater.Budget.TotalSeconds), "--cases", Cases(results.Select(r => r.Case), workspaces).ToJsonString(),
            ],
            options.Threads,
            BenchHeap.Kept,
            timeout);
        return results.Select(r => json is null ? Missing(r, reason!) : Merge(r, json, workspaces[r.Case.Model])).ToArray();
    }

    /// <summary>The cases as the script takes them, its outputs going beside each workspace's files.</summary>
    public static JsonArray Cases(IEnumerable<InferenceCase> cases, IReadOnlyDictionary<string, InferenceWorkspace> workspaces) =>
        new(cases.Select(c =>
        {
            var workspace = workspaces[c.Model];
            var shape = workspace.Network.Input.Shape;
            return (JsonNode)new JsonObject
            {
                ["model"] = c.Model,
                ["batch"] = c.Batch,
                ["shape"] = new JsonArray(shape.Channels, shape.Height, shape.Width),
                ["folder"] = workspace.PyTorchFolder,
                ["input"] = workspace.InputPath(c.Batch),
                ["outputs"] = new JsonObject
                {
                    [InferenceContender.PyTorch] = workspace.OutputPath(InferenceContender.PyTorch, c.Batch),
                    [InferenceContender.PyTorchJit] = workspace.OutputPath(InferenceContender.PyTorchJit, c.Batch),
                },
            };
        }).ToArray());

    private static InferenceResult Missing(InferenceResult result, string reason) =>
        result.With(
            new Dictionary<string, Measurement>(),
            new Dictionary<string, double>(),
            new Dictionary<string, string> { [InferenceContender.PyTorch] = reason, [InferenceContender.PyTorchJit] = reason });

    private static InferenceResult Merge(InferenceResult result, JsonNode json, InferenceWorkspace workspace)
    {
        var node = json["cases"]!.AsArray().First(n => n!["model"]!.GetValue<string>() == result.Case.Model && n["batch"]!.GetValue<int>() == result.Case.Batch)!;
        var expected = RawFloats.Read(workspace.OutputPath(InferenceContender.FluentNets, result.Case.Batch));
        var times = new Dictionary<string, Measurement>();
        var differences = new Dictionary<string, double>();
        var missing = new Dictionary<string, string>();
        foreach (string contender in new[] { InferenceContender.PyTorch, InferenceContender.PyTorchJit })
        {
            if (node[contender] is JsonNode measured)
            {
                times[contender] = PythonProcess.Measurement(measured);
                differences[contender] = RawFloats.MaxAbsDifference(RawFloats.Read(workspace.OutputPath(contender, result.Case.Batch)), expected);
            }
            else
            {
                missing[contender] = node[contender + "Error"]?.GetValue<string>() ?? "no result";
            }
        }

        return result.With(times, differences, missing);
    }
}
