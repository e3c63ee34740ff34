using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using FluentNets.Benchmarks.Harness;
using FluentNets.Benchmarks.Peer;
using FluentNets.Weights;
using static TorchSharp.torch;

namespace FluentNets.Benchmarks.Inference;

/// <summary>
/// Peak resident set of one batch-8 ResNet-50 inference per contender, each in a fresh process, so
/// that no contender's heap or libraries count against another: this harness started again with
/// <see cref="ProbeArgument"/> for the .NET contenders, <c>pytorch_inference.py --memory</c> for
/// PyTorch. Every contender loads the same weights from the workspace's files the way its users would
/// (FluentNets and the hand-written network from the safetensors file through host arrays, ONNX
/// Runtime from the .onnx file, PyTorch with the export's loader). Linux only (<c>/proc/self/status</c>).
/// </summary>
public static class InferenceMemory
{
    /// <summary>The argument on which this harness measures one contender and exits: <c>--inference-memory CONTENDER MODEL FOLDER BATCH THREADS KEPT</c>.</summary>
    public const string ProbeArgument = "--inference-memory";

    /// <summary>Whether <paramref name="args"/> asks for a memory probe.</summary>
    public static bool IsProbe(IReadOnlyList<string> args) => args is [ProbeArgument, ..];

    /// <summary>Measures every contender on <paramref name="c"/>, each in its own process.</summary>
    public static IReadOnlyList<InferenceMemoryResult> Measure(InferenceCase c, InferenceWorkspace workspace, int threads, TimeSpan timeout)
    {
        var results = new List<InferenceMemoryResult>();
        foreach (string contender in new[] { InferenceContender.FluentNets, InferenceContender.FluentNetsInference, InferenceContender.HandTorchSharp, InferenceContender.OnnxRuntime })
        {
            results.Add(Child(contender, c, workspace, threads, timeout));
        }

        var cases = PyTorchInferencePeer.Cases([c], new Dictionary<string, InferenceWorkspace> { [c.Model] = workspace }).ToJsonString();
        foreach (var (contender, mode) in new[] { (InferenceContender.PyTorch, "eager"), (InferenceContender.PyTorchJit, "jit") })
        {
            var (json, reason) = PythonProcess.Run("pytorch_inference.py", ["--threads", PythonProcess.Text(threads), "--memory", mode, "--cases", cases], threads, BenchHeap.Kept, timeout);
            results.Add(json is null
                ? new InferenceMemoryResult(contender, -1, -1, -1, reason)
                : new InferenceMemoryResult(contender, json["baseline_kib"]!.GetValue<long>(), json["peak_kib"]!.GetValue<long>(), json["after_kib"]!.GetValue<long>()));
        }

        return results;
    }

    /// <summary>The child's side: loads one contender, runs one batch, prints its resident sets as JSON; 0 when it got that far.</summary>
    public static int RunProbe(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string contender = args[1], model = args[2], folder = args[3];
        int batch = int.Parse(args[4], CultureInfo.InvariantCulture), threads = int.Parse(args[5], CultureInfo.InvariantCulture);
        BenchHeap.Choose(args[6] == "true");
        set_num_threads(threads);
        using (zeros(1))
        {
            // libtorch is loaded and its thread pool made before the baseline.
        }

        if (contender == InferenceContender.OnnxRuntime)
        {
            _ = OnnxRuntimeModel.Version;
        }

        Collect();
        long baseline = Resident("VmRSS");
        var workspace = InferenceWorkspace.Open(model, folder);
        var input = workspace.Input(batch);
        IDisposable loaded = contender switch
        {
            InferenceContender.OnnxRuntime => RunOnnx(workspace, input, threads),
            InferenceContender.HandTorchSharp => RunHand(model, workspace, input),
            _ => RunFluentNets(workspace, input, threads, contender == InferenceContender.FluentNetsInference),
        };
        Collect();
        long peak = Resident("VmHWM"), after = Resident("VmRSS");
        GC.KeepAlive(loaded);
        Console.WriteLine(new JsonObject { ["baselineKib"] = baseline, ["peakKib"] = peak, ["afterKib"] = after }.ToJsonString());
        loaded.Dispose();
        return 0;
    }

    private static IDisposable RunFluentNets(InferenceWorkspace workspace, HostTensor input, int threads, bool forInference)
    {
        var backend = BenchHeap.Backend(threads);
        var network = workspace.Network;
        var compiled = forInference ? backend.CompileForInference(network, InferenceWorkspace.CompileSeed) : (TorchSharpNetwork)backend.Compile(network, InferenceWorkspace.CompileSeed);
        compiled.SetState(WeightFile.Load(workspace.WeightsPath));
        using var x = tensor(input.Data, input.Shape.Select(d => (long)d).ToArray(), ScalarType.Float32);
        using (no_grad())
        {
            compiled.ForwardTensors(x)[network.Output.Name].Dispose();
        }

        return compiled;
    }

    private static IDisposable RunHand(string model, InferenceWorkspace workspace, HostTensor input)
    {
        var hand = InferenceCost.HandWritten(model) ?? throw new InvalidOperationException($"No hand-written TorchSharp {model}.");
        var held = ParameterLayout.Of(workspace.Network.WithoutAuxiliary()).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        hand.Load(WeightFile.Load(workspace.WeightsPath).Where(p => held.Contains(p.Key)).ToDictionary());
        hand.eval();
        using var x = tensor(input.Data, input.Shape.Select(d => (long)d).ToArray(), ScalarType.Float32);
        using (no_grad())
        {
            hand.call(x).Dispose();
        }

        return hand;
    }

    private static IDisposable RunOnnx(InferenceWorkspace workspace, HostTensor input, int threads)
    {
        var onnx = OnnxRuntimeModel.Open(workspace.OnnxPath, threads);
        _ = onnx.Run(input);
        return onnx;
    }

    private static InferenceMemoryResult Child(string contender, InferenceCase c, InferenceWorkspace workspace, int threads, TimeSpan timeout)
    {
        string? entry = Assembly.GetEntryAssembly()?.Location;
        if (string.IsNullOrEmpty(entry))
        {
            return new InferenceMemoryResult(contender, -1, -1, -1, "the harness cannot start itself (no entry assembly)");
        }

        bool assembly = entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(assembly ? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet" : entry)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (assembly)
        {
            start.ArgumentList.Add(entry);
        }

        foreach (string argument in new[] { ProbeArgument, contender, c.Model, workspace.Directory, PythonProcess.Text(c.Batch), PythonProcess.Text(threads), BenchHeap.Kept ? "true" : "false" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        if (process is null)
        {
            return new InferenceMemoryResult(contender, -1, -1, -1, "the child did not start");
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return new InferenceMemoryResult(contender, -1, -1, -1, "the child ran past its timeout");
        }

        string line = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        if (process.ExitCode != 0 || !line.StartsWith('{'))
        {
            return new InferenceMemoryResult(contender, -1, -1, -1, $"the child failed (exit code {process.ExitCode}): {string.Join(" ", stderr.Result.Trim().Split('\n').TakeLast(2))}");
        }

        var json = JsonNode.Parse(line)!;
        return new InferenceMemoryResult(contender, json["baselineKib"]!.GetValue<long>(), json["peakKib"]!.GetValue<long>(), json["afterKib"]!.GetValue<long>());
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long Resident(string field)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
