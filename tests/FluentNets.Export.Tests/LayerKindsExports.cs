using System.Text.Json;
using FluentNets.Backends;
using FluentNets.Export.Onnx;
using FluentNets.Export.PyTorch;
using FluentNets.Graph;
using FluentNets.Weights;
using Onnx;

namespace FluentNets.Export.Tests;

/// <summary>
/// Every case of <see cref="LayerKindsExportTests"/> compiled once on the TorchSharp backend with random
/// weights and state, exported to ONNX and to a model.py folder, and every folder run by one Debian PyTorch
/// process (model.py in eval mode, the weights reloaded by FluentNets name, onnx's checker, model.py's
/// StochasticDepth against torchvision's).
/// </summary>
public sealed class LayerKindsExports : IDisposable
{
    private const string Check = """
        import json, sys, importlib.util
        import torch

        try:
            import onnx
        except ImportError:
            onnx = None
        try:
            import torchvision
        except ImportError:
            torchvision = None

        torch.set_num_threads(1)
        report = {}
        for folder in sys.argv[1:]:
            spec = importlib.util.spec_from_file_location("exported", folder + "/model.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            net = module.Model()
            net.load_state_dict(module.load_safetensors(folder + "/weights.safetensors"), strict=True)
            net.eval()
            inputs = module.load_safetensors(folder + "/input.safetensors")
            reloaded = module.load_weights(module.Model(), folder + "/fluentnets.safetensors").eval()
            with torch.no_grad():
                outputs = {k: net(v) for k, v in inputs.items()}
                difference = max(float((reloaded(v) - outputs[k]).abs().max()) for k, v in inputs.items())
            module.save_safetensors(folder + "/output.safetensors", outputs)
            entry = {"names": sorted(module.fluentnets_state_dict(net)), "reloaded": difference, "onnx": None, "stochastic_depth": None}
            if onnx is not None:
                try:
                    onnx.checker.check_model(onnx.load(folder + "/model.onnx"), full_check=True)
                    entry["onnx"] = "ok"
                except Exception as e:
                    entry["onnx"] = str(e).strip().splitlines()[0]
            depth = [m for m in net.modules() if isinstance(m, module.StochasticDepth)]
            if depth and torchvision is not None:
                x = torch.randn(256, 4, 3, 3)
                layer = depth[0].train()
                torch.manual_seed(5)
                ours = layer(x)
                torch.manual_seed(5)
                theirs = torchvision.ops.stochastic_depth(x, layer.p, "row", True)
                dropped = float((ours.flatten(1) == 0).all(1).float().mean())
                entry["stochastic_depth"] = {"equal": bool(torch.equal(ours, theirs)), "dropped": dropped}
            report[folder] = entry
        print(json.dumps(report))
        """;

    private readonly TempDirectory temp = new();
    private readonly Dictionary<string, Export> exports = [];
    private readonly Dictionary<string, PyTorchReport> reports = [];
    private readonly string? pythonError;

    public LayerKindsExports()
    {
        foreach (var (name, @case) in LayerKindsExportTests.Cases)
        {
            exports[name] = Exported(name, @case.Build());
        }

        WhyNotTorch = Python.WhyNotTorch;
        if (WhyNotTorch is not null)
        {
            return;
        }

        string script = Path.Combine(temp.Path, "check.py");
        File.WriteAllText(script, Check);
        var (code, stdout, stderr) = Python.Run([script, .. exports.Keys.Select(Folder)], temp.Path, TimeSpan.FromMinutes(5));
        if (code != 0)
        {
            pythonError = stderr;
            return;
        }

        var parsed = JsonSerializer.Deserialize<Dictionary<string, PyTorchReport>>(stdout, new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
        foreach (var name in exports.Keys)
        {
            reports[name] = parsed[Folder(name)];
        }
    }

    /// <summary>Why PyTorch can't run here, or null.</summary>
    public string? WhyNotTorch { get; }

    /// <summary>The case's network, its ONNX model and FluentNets state names, the batch of 3 and the backend's output.</summary>
    public Export this[string name] => exports[name];

    /// <summary>The case's model.py output for the batch of 3.</summary>
    public HostTensor Outputs(string name)
    {
        Assert.True(pythonError is null, pythonError);
        return WeightFile.Load(Path.Combine(Folder(name), "output.safetensors"))["batch3"];
    }

    /// <summary>What the Python run found for the case.</summary>
    public PyTorchReport Report(string name)
    {
        Assert.True(pythonError is null, pythonError);
        return reports[name];
    }

    public void Dispose() => temp.Dispose();

    private string Folder(string name) => Path.Combine(temp.Path, name);

    /// <summary>The case compiled with random state and run, its ONNX model and model.py folder written.</summary>
    private Export Exported(string name, Network network)
    {
        try
        {
            using var compiled = Zoo.Backend.Compile(network, seed: 1);
            var state = Randomised(compiled.GetState());
            compiled.SetState(state);
            var input = Zoo.Input(network, 3);
            var expected = compiled.Forward(input)[network.Output.Name];

            string folder = Folder(name);
            network.ExportPyTorch(folder, state);
            WeightFile.Save(Path.Combine(folder, "input.safetensors"), new Dictionary<string, HostTensor> { ["batch3"] = input });
            WeightFile.Save(Path.Combine(folder, "fluentnets.safetensors"), state);
            using (var stream = File.Create(Path.Combine(folder, "model.onnx")))
            {
                network.ExportOnnx(stream, state);
            }

            return new Export(network, network.ToOnnx(state), state.Keys.ToArray(), input, expected);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"case {name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Every tensor drawn from a seeded System.Random: variances in [0.5, 1.5), everything else (weights,
    /// LayerNorm's gamma and beta, LayerScale's factors, Normalization's means) in [-1, 1).
    /// </summary>
    private static Dictionary<string, HostTensor> Randomised(IReadOnlyDictionary<string, HostTensor> state)
    {
        var random = new Random(11);
        return state.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv =>
        {
            bool variance = kv.Key.EndsWith("variance", StringComparison.Ordinal) || kv.Key.EndsWith("running_var", StringComparison.Ordinal);
            return new HostTensor([.. kv.Value.Shape], kv.Value.Data.Select(_ => (float)(variance ? random.NextDouble() + 0.5 : random.NextDouble() * 2 - 1)).ToArray());
        });
    }

    /// <summary>One case, exported.</summary>
    public sealed record Export(Network Network, ModelProto Model, string[] State, HostTensor Input, HostTensor Expected);

    /// <summary>The Python run's findings for one case.</summary>
    public sealed record PyTorchReport(string[] Names, double Reloaded, string? Onnx, StochasticDepthReport? StochasticDepth);

    /// <summary>model.py's StochasticDepth in training mode against torchvision's, on one seed.</summary>
    public sealed record StochasticDepthReport(bool Equal, double Dropped);
}
