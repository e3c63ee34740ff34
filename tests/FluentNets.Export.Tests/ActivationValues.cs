using System.Text.Json;
using FluentNets.Backends;
using FluentNets.Export.PyTorch;
using FluentNets.Graph;

namespace FluentNets.Export.Tests;

/// <summary>
/// For every case of <see cref="ActivationValueTests"/>, from one Debian PyTorch process: PyTorch's own value at
/// each point in float64, and the output of the case's exported model.py (one activation layer on the points).
/// </summary>
public sealed class ActivationValues : IDisposable
{
    private const string Check = """
        import json, sys, importlib.util
        import torch
        import torch.nn.functional as F

        torch.set_num_threads(1)


        def keras_relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
            # Keras 3's ReLU.static_call (keras/src/activations/activations.py): a slope alone is leaky_relu;
            # otherwise x where x > threshold (relu when the threshold is 0), clipped to [0, max_value],
            # minus negative_slope * relu(threshold - x).
            if negative_slope != 0.0 and max_value is None and threshold == 0.0:
                return F.leaky_relu(x, negative_slope)
            kept = x * (x > threshold).to(x.dtype) if threshold != 0.0 else F.relu(x)
            if max_value is not None:
                kept = torch.clamp(kept, 0.0, max_value)
            return kept - negative_slope * F.relu(threshold - x) if negative_slope != 0.0 else kept


        cases = json.loads(sys.argv[1])
        points = torch.tensor(json.loads(sys.argv[2]), dtype=torch.float32)
        report = {}
        for name, (expression, folder) in cases.items():
            x = points.double()
            expected = eval(expression)
            spec = importlib.util.spec_from_file_location("exported", folder + "/model.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            net = module.Model().eval()
            with torch.no_grad():
                exported = net(points[None, :])[0]
            report[name] = {"expected": expected.tolist(), "model_py": exported.double().tolist()}
        print(json.dumps(report))
        """;

    private readonly TempDirectory temp = new();
    private readonly Dictionary<string, (double[] Expected, float[] ModelPy)> results = [];
    private readonly string? pythonError;

    public ActivationValues()
    {
        WhyNotTorch = Python.WhyNotTorch;
        if (WhyNotTorch is not null)
        {
            return;
        }

        var cases = new Dictionary<string, string[]>();
        foreach (var (name, (_, torch)) in ActivationValueTests.Cases)
        {
            string folder = Path.Combine(temp.Path, name);
            Network(name).ExportPyTorch(folder, new Dictionary<string, HostTensor>());
            cases[name] = [torch, folder];
        }

        string script = Path.Combine(temp.Path, "activations.py");
        File.WriteAllText(script, Check);
        var (code, stdout, stderr) = Python.Run(
            [script, JsonSerializer.Serialize(cases), JsonSerializer.Serialize(ActivationValueTests.Points)], temp.Path, TimeSpan.FromMinutes(5));
        if (code != 0)
        {
            pythonError = stderr;
            return;
        }

        foreach (var (name, entry) in JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double[]>>>(stdout)!)
        {
            results[name] = (entry["expected"], entry["model_py"].Select(v => (float)v).ToArray());
        }
    }

    /// <summary>Why PyTorch can't run here, or null.</summary>
    public string? WhyNotTorch { get; }

    /// <summary>The case's activation as a layer on a vector of the points.</summary>
    public static Network Network(string name) =>
        Net.Input(ActivationValueTests.Points.Length, name: "x").Activate(ActivationValueTests.Cases[name].Function, name: "f").ToNetwork(name);

    /// <summary>PyTorch's value at each point, in float64.</summary>
    public double[] Expected(string name)
    {
        Assert.True(pythonError is null, pythonError);
        return results[name].Expected;
    }

    /// <summary>model.py's output at the points.</summary>
    public float[] ModelPy(string name)
    {
        Assert.True(pythonError is null, pythonError);
        return results[name].ModelPy;
    }

    public void Dispose() => temp.Dispose();
}
