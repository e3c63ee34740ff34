using FluentNets.Backends;
using FluentNets.Export.PyTorch;
using FluentNets.Layers;
using FluentNets.Weights;

namespace FluentNets.Export.Tests.PyTorch;

/// <summary>Exported model.py files run by PyTorch give the TorchSharp backend's outputs.</summary>
public class PyTorchExportTests
{
    private const string Check = """
        import json, sys, importlib.util
        import torch

        torch.set_num_threads(2)
        report = {}
        for folder in sys.argv[1:]:
            spec = importlib.util.spec_from_file_location("exported", folder + "/model.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            net = module.Model()
            net.load_state_dict(module.load_safetensors(folder + "/weights.safetensors"), strict=True)
            net.eval()
            inputs = module.load_safetensors(folder + "/input.safetensors")
            with torch.no_grad():
                outputs = {k: net(v) for k, v in inputs.items()}
                heads = 1
                if module.AUX_LOSS_WEIGHTS:
                    net.train()
                    heads = len(net(inputs["batch3"]))
            module.save_safetensors(folder + "/output.safetensors", outputs)
            report[folder] = heads
        print(json.dumps(report))
        """;

    [Fact]
    public void EveryZooModelsModuleGivesTheBackendsOutputsForBatchesOfOneAndThree()
    {
        Assert.SkipWhen(Python.WhyNotTorch is not null, Python.WhyNotTorch ?? "");
        using var temp = new TempDirectory();
        var expected = new Dictionary<string, (int Heads, HostTensor One, HostTensor Three)>();
        foreach (var name in Zoo.Compared)
        {
            var network = Zoo.Small(name);
            using var compiled = Zoo.Compile(network);
            string folder = Path.Combine(temp.Path, name);
            network.ExportPyTorch(folder, compiled.GetState());
            var one = Zoo.Input(network, 1);
            var three = Zoo.Input(network, 3);
            WeightFile.Save(Path.Combine(folder, "input.safetensors"), new Dictionary<string, HostTensor> { ["batch1"] = one, ["batch3"] = three });
            expected[folder] = (1 + network.Auxiliary.Count, compiled.Forward(one)[network.Output.Name], compiled.Forward(three)[network.Output.Name]);
        }

        string script = Path.Combine(temp.Path, "check.py");
        File.WriteAllText(script, Check);
        var (code, stdout, stderr) = Python.Run([script, .. expected.Keys], temp.Path, TimeSpan.FromMinutes(15));

        Assert.True(code == 0, stderr);
        var heads = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(stdout)!;
        var failures = new List<string>();
        foreach (var (folder, (count, one, three)) in expected)
        {
            var actual = WeightFile.Load(Path.Combine(folder, "output.safetensors"));
            double error = Math.Max(Zoo.RelativeError(actual["batch1"].Data, one.Data), Zoo.RelativeError(actual["batch3"].Data, three.Data));
            if (error > 1e-4 || heads[folder] != count)
            {
                failures.Add($"{Path.GetFileName(folder)}: relative error {error:E2}, {heads[folder]} outputs in training mode (expected {count})");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void LayerNamesBecomeAttributesWithSlashesWrittenAsDoubleUnderscores()
    {
        Assert.Equal("inception_3a__5x5_reduce", PythonNames.Attribute("inception_3a/5x5_reduce"));
        Assert.Equal("_1x1", PythonNames.Attribute("1x1"));
        Assert.Equal("lambda_", PythonNames.Attribute("lambda"));
        Assert.Equal("conv_a_b", PythonNames.Attribute("conv-a.b"));
    }

    [Fact]
    public void TwoLayersWithOneAttributeAreNamed()
    {
        var x = Net.Input(8, 8, 1);
        var network = x.Conv(2, 3, name: "a-b").Conv(2, 3, name: "a.b").ToNetwork("clash");

        var e = Assert.Throws<ExportException>(() => network.ModelSource());

        Assert.Equal("a.b (Conv2D): its Python attribute 'a_b' is also that of layer 'a-b'; rename one of them.", e.Message);
    }

    [Fact]
    public void TheWeightsAreKeyedByAttributeAndNothingIsWrittenWhenOneIsMissing()
    {
        using var temp = new TempDirectory();
        var network = Net.Input(8, 8, 1).Block("stem", b => b.Conv(2, 3, name: "conv")).ToNetwork("keys");
        using var compiled = Zoo.Compile(network);
        string folder = Path.Combine(temp.Path, "out");

        network.ExportPyTorch(folder, compiled.GetState());
        Assert.Equal(["stem__conv.bias", "stem__conv.weight"], WeightFile.Load(Path.Combine(folder, PyTorchExport.WeightsFile)).Keys.Order());

        string other = Path.Combine(temp.Path, "none");
        Assert.Throws<ExportException>(() => network.ExportPyTorch(other, new Dictionary<string, HostTensor>()));
        Assert.False(Directory.Exists(other));
    }
}
